import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { session as api, events, on, type app } from '../api';
import { i18n, type Locale } from '../i18n';

/** The session: language, signed-in profile and what the app runs on. */
export const useSession = defineStore('session', () => {
  const info = ref<app.SessionInfo | null>(null);
  const error = ref<string>('');

  const user = computed(() => info.value?.user ?? null);
  const users = computed(() => info.value?.users ?? []);
  const lang = computed<Locale>(() => (info.value?.lang === 'ja' ? 'ja' : 'en'));

  function apply(next: app.SessionInfo) {
    info.value = next;
    i18n.global.locale.value = next.lang === 'ja' ? 'ja' : 'en';
    document.documentElement.lang = i18n.global.locale.value;
  }

  async function load() {
    error.value = '';
    try {
      apply(await api.info());
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  async function setLanguage(next: Locale) {
    apply(await api.setLanguage(next));
  }

  async function switchUser(id: string) {
    apply(await api.switchUser(id));
  }

  // Another window (or browser tab) changed the language or profile.
  on<app.SessionInfo>(events.sessionChanged, apply);

  return { info, error, user, users, lang, load, setLanguage, switchUser };
});
