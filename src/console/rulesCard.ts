import { admin, describe } from './apiClient.js';
import { h, notice, show, statusBadge } from './dom.js';

export interface RuleState {
  index: number;
  rule: { name?: string; match?: Record<string, unknown>; times?: number; respond?: Record<string, unknown>; latency?: unknown; job?: unknown };
  matched: number;
  applied: number;
  /** Applied its `times` already: it matches nothing more. */
  spent: boolean;
}

/** A rule's name as the API knows it: an unnamed rule is `rule <index>`. */
export function ruleName(state: RuleState): string {
  return state.rule.name ?? `rule ${state.index}`;
}

/**
 * "Rules in force": each rule with its counters, removable on its own (its name URL-encoded);
 * spent rules marked as such and clearable apart from the rest; Remove all.
 */
export function mountRulesCard(): { element: HTMLElement; refresh(): Promise<void> } {
  const rulesBox = h('div');
  const message = h('div', { 'data-message': 'rules' });
  const clearSpent = h('button', { 'data-action': 'clear-spent', hidden: true, onclick: () => void change('faults?spent=true') }, 'Clear spent');
  const element = h('div', { class: 'card' },
    h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Rules in force'), h('span', { class: 'spacer' }),
      clearSpent,
      h('button', { class: 'danger', onclick: () => void change('faults') }, 'Remove all')),
    rulesBox,
    message);

  const refresh = async () => {
    try {
      render((await admin<{ rules: RuleState[] }>('faults')).rules);
    } catch (error) {
      notice(message, 'error', `Cannot read the rules: ${describe(error)}`);
    }
  };

  /** A DELETE under /__mock/faults; the list is read again whatever the answer. */
  const change = async (path: string) => {
    try {
      await admin(path, { method: 'DELETE' });
      show(message);
    } catch (error) {
      notice(message, 'error', describe(error));
    }
    await refresh();
  };

  const render = (rules: RuleState[]) => {
    const spent = rules.filter((state) => state.spent).length;
    clearSpent.hidden = spent === 0;
    clearSpent.textContent = `Clear spent (${spent})`;
    if (rules.length === 0) {
      show(rulesBox, h('div', { class: 'empty', 'data-empty': 'rules' }, 'No rules in force: every request gets its normal answer.'));
      return;
    }
    show(
      rulesBox,
      h('table', { 'data-table': 'rules' },
        h('thead', {}, h('tr', {}, h('th', {}, 'rule'), h('th', { class: 'num' }, 'matched'), h('th', { class: 'num' }, 'applied'), h('th', {}))),
        h('tbody', {}, ...rules.map((state) => {
          const name = ruleName(state);
          return h('tr', { 'data-rule': name, 'data-spent': state.spent, class: state.spent ? 'spent' : undefined },
            h('td', {},
              h('div', {}, h('strong', {}, name), state.spent && h('span', { class: 'badge status-none', title: `applied its ${state.rule.times} time(s): it matches nothing more` }, 'spent')),
              h('div', { class: 'rule-match' }, describeMatch(state), ' → ', describeRespond(state))),
            h('td', { class: 'num', 'data-count': 'matched' }, state.matched),
            h('td', { class: 'num', 'data-count': 'applied' }, state.applied),
            h('td', { class: 'num' }, h('button', { class: 'danger', onclick: () => void change(`faults/${encodeURIComponent(name)}`), 'data-remove': name }, 'Remove')));
        })),
      ),
    );
  };

  return { element, refresh };
}

function describeMatch({ rule }: RuleState): string {
  const parts = Object.entries(rule.match ?? {}).map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  if (rule.times !== undefined) parts.push(`${rule.times} time(s)`);
  return parts.length > 0 ? parts.join(' · ') : 'every request';
}

function describeRespond({ rule }: RuleState): Node {
  const respond = rule.respond;
  const latency = rule.latency === undefined ? '' : ` + latency ${JSON.stringify(rule.latency)} ms`;
  if (!respond) return h('span', { class: 'muted' }, rule.job === undefined ? `latency only${latency}` : `job ${JSON.stringify(rule.job)}${latency}`);
  const headers = respond['headers'] ? ` ${JSON.stringify(respond['headers'])}` : '';
  if (typeof respond['preset'] === 'string') return h('span', {}, h('code', {}, respond['preset']), headers + latency);
  return h('span', {}, statusBadge(Number(respond['status'])), ` ${String(respond['type'] ?? '')}${headers}${latency}`);
}
