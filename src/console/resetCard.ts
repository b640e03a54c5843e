import { admin, describe } from './apiClient.js';
import { confirmAction } from './confirmAction.js';
import { h, notice } from './dom.js';

const PARTS = [
  { part: 'jobs', label: 'Reset jobs…', question: 'Forget created jobs and deletions, and put the clock back?', done: 'Jobs reset: the seeded world only, the clock at its start.' },
  { part: 'rules', label: 'Reset rules…', question: 'Put the fault rules back as they were at startup, with fresh counters?', done: 'Rules reset to the startup rules.' },
  { part: 'journal', label: 'Clear journal…', question: 'Clear the request journal?', done: 'Journal cleared.' },
] as const;

/** A reset of jobs, rules and journal, each on its own and each asked twice (POST /__mock/reset/{part}). */
export function resetCard(onReset: () => void): HTMLElement {
  const message = h('div', { 'data-message': 'reset' });
  return h('div', { class: 'card', 'data-card': 'reset' },
    h('h2', {}, 'Start over'),
    h('p', { class: 'muted', style: 'margin:0 0 10px' }, 'Each part on its own; the others stay as they are.'),
    h('div', { class: 'toolbar', style: 'margin:0' },
      ...PARTS.map(({ part, label, question, done }) => confirmAction({
        label,
        question,
        name: part,
        action: async () => {
          try {
            await admin(`reset/${part}`, { method: 'POST' });
            notice(message, 'ok', done);
            onReset();
          } catch (error) {
            notice(message, 'error', describe(error));
          }
        },
      }))),
    message);
}
