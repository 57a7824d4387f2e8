import { defineStore } from 'pinia';
import { ref } from 'vue';

export const sections = [
  'leads',
  'accounts',
  'opportunities',
  'quotes',
  'contracts',
  'orders',
  'approvals',
  'catalog',
  'sync',
  'settings',
] as const;

export type Section = (typeof sections)[number];

export interface Route {
  section: Section;
  /** The object shown in the section, e.g. an account id; '' for the section's list. */
  id: string;
}

/** parseHash reads "#/accounts/acc_123" as { section: 'accounts', id: 'acc_123' }. */
export function parseHash(hash: string): Route {
  const [section = '', id = ''] = hash.replace(/^#\/?/, '').split('/');
  if ((sections as readonly string[]).includes(section)) {
    return { section: section as Section, id: decodeURIComponent(id) };
  }
  return { section: 'accounts', id: '' };
}

export function formatHash(r: Route): string {
  return r.id ? `#/${r.section}/${encodeURIComponent(r.id)}` : `#/${r.section}`;
}

/**
 * Navigation lives in the URL hash, so the browser's back and forward buttons work in browser mode and a
 * section can be opened directly.
 */
export const useNav = defineStore('nav', () => {
  const route = ref<Route>(parseHash(window.location.hash));

  function go(section: Section, id = '') {
    const next = formatHash({ section, id });
    if (window.location.hash !== next) {
      window.location.hash = next;
    }
    route.value = { section, id };
  }

  window.addEventListener('hashchange', () => {
    route.value = parseHash(window.location.hash);
  });

  return { route, go };
});
