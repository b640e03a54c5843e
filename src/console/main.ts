import { admin, ApiError, describe, settings } from './apiClient.js';
import { h, show } from './dom.js';
import { mountFaults } from './faultsTab.js';
import { mountJobs } from './jobsTab.js';
import { mountJournal } from './journalTab.js';
import { mountOverview } from './overviewTab.js';
import type { Tab } from './Tab.js';


const tabs: Record<string, (panel: HTMLElement) => Tab> = {
  overview: mountOverview,
  faults: mountFaults,
  journal: mountJournal,
  jobs: mountJobs,
  docs: mountDocs,
};

const mounted = new Map<string, Tab>();
let current: string | undefined;

function select(name: string): void {
  if (!Object.hasOwn(tabs, name)) name = 'overview';
  if (name === current) return;
  if (current) mounted.get(current)?.deactivate?.();
  current = name;
  for (const button of document.querySelectorAll<HTMLElement>('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset['tab'] === name));
  }
  for (const panel of document.querySelectorAll<HTMLElement>('[data-panel]')) {
    panel.hidden = panel.dataset['panel'] !== name;
  }
  let tab = mounted.get(name);
  if (!tab) {
    const panel = document.querySelector<HTMLElement>(`[data-panel="${name}"]`)!;
    tab = tabs[name]!(panel);
    mounted.set(name, tab);
  }
  tab.activate();
}

function mountDocs(panel: HTMLElement): Tab {
  show(
    panel,
    h('div', { class: 'toolbar' },
      h('span', { class: 'muted' }, 'The API reference of the spec in force, rendered by Swagger UI from this package (works offline).'),
      h('span', { class: 'spacer' }),
      h('a', { href: 'docs', target: '_blank' }, 'open in a new tab'),
      h('a', { href: 'openapi.yaml', target: '_blank' }, 'openapi.yaml'),
      h('a', { href: 'openapi.json', target: '_blank' }, 'openapi.json'),
    ),
    h('iframe', { class: 'docs-frame', title: 'API reference', src: 'about:blank' }),
  );
  const frame = panel.querySelector('iframe')!;
  return {
    activate() {
      if (frame.getAttribute('src') === 'about:blank') frame.setAttribute('src', 'docs');
    },
  };
}

/** With --admin-token, the console asks for the token once per browser session. */
async function checkAccess(): Promise<void> {
  const banner = document.getElementById('access')!;
  try {
    await admin('health');
    banner.hidden = true;
  } catch (error) {
    banner.hidden = false;
    const input = h('input', { type: 'password', placeholder: 'X-Mock-Admin-Token', 'aria-label': 'admin token', value: settings.adminToken });
    const save = () => {
      settings.adminToken = input.value;
      location.reload();
    };
    const needsToken = error instanceof ApiError && error.status === 401;
    show(
      banner,
      h('strong', {}, needsToken ? 'This mock requires an admin token.' : 'The admin API refused the console.'),
      ' ',
      describe(error),
      needsToken && h('span', { class: 'token-form' }, input, h('button', { onclick: save }, 'Use token')),
    );
  }
}

function boot(): void {
  for (const button of document.querySelectorAll<HTMLElement>('[data-tab]')) {
    button.addEventListener('click', () => {
      location.hash = button.dataset['tab']!;
    });
  }
  const key = document.querySelector<HTMLInputElement>('#virtual-key')!;
  key.value = settings.virtualKey;
  key.addEventListener('change', () => {
    settings.virtualKey = key.value.trim();
  });
  window.addEventListener('hashchange', () => select(location.hash.slice(1)));
  select(location.hash.slice(1) || 'overview');
  void checkAccess();
}

boot();
