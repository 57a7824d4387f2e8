import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { session as api, events, on, reportReady, type app } from '../api';
import { i18n, type Locale } from '../i18n';

/** The session: language, signed-in profile and what the app runs on. */
export const useSession = defineStore('session', () => {
  const info = ref<app.SessionInfo | null>(null);
  const error = ref<string>('');
  // A startup failure (the database could not be opened) stays until Quotewright is started again.
  const fatal = ref(false);

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
      fatal.value = (e as { code?: string }).code === 'startup';
      if (fatal.value) reportReady('start-failed', 0);
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

  return { info, error, fatal, user, users, lang, load, setLanguage, switchUser };
});
