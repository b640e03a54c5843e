import { admin, describe, settings } from './apiClient.js';
import { mountClockCard } from './clockCard.js';
import { h, notice, show } from './dom.js';
import { resetCard } from './resetCard.js';
import type { Tab } from './Tab.js';

interface Health {
  seed: number;
  spec?: { path: string; title?: string; version?: string };
  now?: string;
  jobs?: { provider: string; count: number }[];
  admin?: string;
  uptimeSeconds: number;
  rules: number;
  journaled: number;
}

const REFRESH_MS = 5000;

/** Spec in force, seed, clock, jobs per provider, uptime and admin mode; refreshed while shown. */
export function mountOverview(panel: HTMLElement): Tab {
  const cards = h('div', { class: 'grid' });
  const clock = mountClockCard();
  const status = h('div');
  show(panel, status, cards, h('div', { class: 'grid', style: 'margin-top:16px' }, connectCard(), clock.element, resetCard(() => void render())));
  let timer: number | undefined;

  const render = async () => {
    try {
      const health = await admin<Health>('health');
      show(status);
      show(
        cards,
        card('Spec in force', [
          ['title', health.spec?.title ?? '—'],
          ['version', health.spec?.version ?? '—'],
          ['file', h('code', {}, health.spec?.path ?? '—')],
          ['raw', h('span', {}, h('a', { href: 'openapi.yaml' }, 'openapi.yaml'), ' · ', h('a', { href: 'openapi.json' }, 'openapi.json'), ' · ', h('a', { href: '#docs' }, 'docs'))],
        ]),
        card('Data', [
          ['seed', h('span', { class: 'big', 'data-fact': 'seed' }, health.seed)],
          ['anchored at', health.now ?? '—'],
          ...(health.jobs ?? []).map(({ provider, count }): [string, Node | string] => [`${provider} jobs`, count.toLocaleString('en')]),
        ]),
        card('Server', [
          ['uptime', formatDuration(health.uptimeSeconds)],
          ['admin mode', h('span', { 'data-fact': 'admin' }, health.admin ?? '—')],
          ['fault rules', h('a', { href: '#faults' }, `${health.rules} in force`)],
          ['journal', h('a', { href: '#journal' }, `${health.journaled} request(s)`)],
        ]),
      );
    } catch (error) {
      notice(status, 'error', `Cannot read /__mock/health: ${describe(error)}`);
    }
    await clock.refresh();
  };

  return {
    activate() {
      void render();
      timer = window.setInterval(() => void render(), REFRESH_MS);
      clock.start();
    },
    deactivate() {
      window.clearInterval(timer);
      clock.stop();
    },
  };
}

/** How to point an app at this mock: the base URL and a request to try, with the console's key. */
function connectCard(): HTMLElement {
  const base = `${location.origin}/v1`;
  return h('div', { class: 'card', 'data-card': 'connect' },
    h('h2', {}, 'Point your app here'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'base URL'), h('dd', {}, h('code', {}, base)),
      h('dt', {}, 'key header'), h('dd', {}, h('code', {}, `Authorization: Bearer ${settings.virtualKey}`)),
      h('dt', {}, 'try'), h('dd', {}, h('code', {}, `curl -H 'Authorization: Bearer ${settings.virtualKey}' '${base}/videos?provider=openai&limit=2'`))),
    h('p', { class: 'muted', style: 'margin:12px 0 0' }, 'Then rehearse errors in ', h('a', { href: '#faults' }, 'Faults'), ' and watch the requests arrive in the ', h('a', { href: '#journal' }, 'Journal'), '.'));
}

function card(title: string, facts: [string, Node | string][]): HTMLElement {
  return h('div', { class: 'card' }, h('h2', {}, title), h('dl', { class: 'facts' }, ...facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])));
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
