import { admin, describe } from './apiClient.js';
import { h, notice, show, statusBadge } from './dom.js';
import type { Tab } from './Tab.js';
import { mountScenarioEditor } from './scenarioEditor.js';
import { specOperations } from './specOperations.js';

interface Preset {
  name: string;
  status: number | null;
  description: string;
}

interface RuleState {
  index: number;
  rule: { name?: string; match?: Record<string, unknown>; times?: number; respond?: Record<string, unknown>; latency?: unknown };
  matched: number;
  applied: number;
}

const REFRESH_MS = 2000;

/** Presets at a click, the rules in force (each removable), and the scenario editor. */
export function mountFaults(panel: HTMLElement): Tab {
  const scope = {
    provider: h('select', { 'aria-label': 'provider', name: 'provider' }, h('option', { value: '' }, 'all providers')),
    operation: h('select', { 'aria-label': 'operation', name: 'operation' }, h('option', { value: '' }, 'all operations')),
    duration: h('select', { 'aria-label': 'how long', name: 'duration' }, h('option', { value: 'forever' }, 'until removed'), h('option', { value: 'times' }, 'for the next')),
    times: h('input', { type: 'number', min: 1, value: 3, 'aria-label': 'requests', name: 'times' }),
    retryAfter: h('input', { type: 'number', min: 0, placeholder: '—', 'aria-label': 'Retry-After seconds', name: 'retry-after' }),
  };
  scope.times.disabled = true;
  scope.duration.addEventListener('change', () => {
    scope.times.disabled = scope.duration.value !== 'times';
  });
  const presetMessage = h('div');
  const presetRows = h('tbody');
  const rulesBox = h('div');
  const rulesMessage = h('div');
  const editor = mountScenarioEditor(() => void refreshRules());

  show(
    panel,
    h('div', { class: 'columns' },
      h('div', { class: 'card' },
        h('h2', {}, 'Presets'),
        h('div', { class: 'toolbar' },
          h('label', { class: 'field' }, 'Apply to', scope.provider),
          h('label', { class: 'field' }, 'Operation', scope.operation),
          h('label', { class: 'field' }, 'For', scope.duration),
          h('label', { class: 'field' }, 'Requests', scope.times),
          h('label', { class: 'field' }, 'Retry-After (s)', scope.retryAfter),
        ),
        h('table', { 'data-table': 'presets' },
          h('thead', {}, h('tr', {}, h('th', {}, 'preset'), h('th', {}, 'status'), h('th', {}, 'imitates'), h('th', {}))),
          presetRows),
        presetMessage,
      ),
      h('div', { class: 'stack' },
        h('div', { class: 'card' },
          h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Rules in force'), h('span', { class: 'spacer' }),
            h('button', { class: 'danger', onclick: () => void removeAll() }, 'Remove all')),
          rulesBox,
          rulesMessage,
        ),
        editor.element,
      ),
    ),
  );

  const apply = async (preset: string) => {
    const match: Record<string, string> = {};
    if (scope.provider.value) match['provider'] = scope.provider.value;
    if (scope.operation.value) match['operation'] = scope.operation.value;
    const times = scope.duration.value === 'times' ? Number(scope.times.value) : undefined;
    const retryAfter = scope.retryAfter.value.trim();
    const rule = {
      name: await uniqueName([preset, match['provider'], match['operation']].filter(Boolean).join(' · ')),
      ...(Object.keys(match).length > 0 && { match }),
      ...(times !== undefined && { times }),
      respond: { preset, ...(retryAfter !== '' && { headers: { 'Retry-After': retryAfter } }) },
    };
    try {
      await admin('faults', { method: 'POST', body: rule });
      notice(presetMessage, 'ok', `Applied "${rule.name}".`);
      await refreshRules();
    } catch (error) {
      notice(presetMessage, 'error', describe(error));
    }
  };

  const renderPresets = (presets: Preset[]) => {
    show(
      presetRows,
      ...presets.map((preset) => {
        const slowMs = preset.name === 'slow:<ms>' ? h('input', { type: 'number', min: 0, value: 1500, 'aria-label': 'delay in ms' }) : undefined;
        const name = () => (slowMs ? `slow:${slowMs.value}` : preset.name);
        return h('tr', { 'data-preset': preset.name },
          h('td', {}, h('code', {}, preset.name), slowMs && ' ', slowMs),
          h('td', {}, preset.status === null ? h('span', { class: 'badge status-none' }, 'network') : statusBadge(preset.status)),
          h('td', { class: 'muted' }, preset.description),
          h('td', { class: 'num' }, h('button', { class: 'primary', onclick: () => void apply(name()), 'data-apply': preset.name }, 'Apply')));
      }),
    );
  };

  const refreshRules = async () => {
    try {
      renderRules((await admin<{ rules: RuleState[] }>('faults')).rules);
    } catch (error) {
      notice(rulesMessage, 'error', `Cannot read the rules: ${describe(error)}`);
    }
  };

  const renderRules = (rules: RuleState[]) => {
    if (rules.length === 0) {
      show(rulesBox, h('div', { class: 'empty', 'data-empty': 'rules' }, 'No rules in force: every request gets its normal answer.'));
      return;
    }
    show(
      rulesBox,
      h('table', { 'data-table': 'rules' },
        h('thead', {}, h('tr', {}, h('th', {}, 'rule'), h('th', { class: 'num' }, 'matched'), h('th', { class: 'num' }, 'applied'), h('th', {}))),
        h('tbody', {}, ...rules.map((state) => {
          const name = state.rule.name ?? `rule ${state.index}`;
          return h('tr', { 'data-rule': name },
            h('td', {}, h('div', {}, h('strong', {}, name)), h('div', { class: 'rule-match' }, describeMatch(state), ' → ', describeRespond(state))),
            h('td', { class: 'num', 'data-count': 'matched' }, state.matched),
            h('td', { class: 'num', 'data-count': 'applied' }, state.applied),
            h('td', { class: 'num' }, h('button', { class: 'danger', onclick: () => void remove(name), 'data-remove': name }, 'Remove')));
        })),
      ),
    );
  };

  const remove = async (name: string) => {
    try {
      await admin(`faults/${encodeURIComponent(name)}`, { method: 'DELETE' });
      show(rulesMessage);
    } catch (error) {
      notice(rulesMessage, 'error', describe(error));
    }
    await refreshRules();
  };

  const removeAll = async () => {
    try {
      await admin('faults', { method: 'DELETE' });
      show(rulesMessage);
    } catch (error) {
      notice(rulesMessage, 'error', describe(error));
    }
    await refreshRules();
  };

  const loadChoices = async () => {
    try {
      const [{ presets }, health, operations] = await Promise.all([
        admin<{ presets: Preset[] }>('presets'),
        admin<{ providers?: string[]; jobs?: { provider: string }[] }>('health'),
        specOperations().catch(() => []),
      ]);
      renderPresets(presets);
      for (const provider of health.providers ?? (health.jobs ?? []).map((j) => j.provider)) scope.provider.append(h('option', { value: provider }, provider));
      for (const operation of operations) scope.operation.append(h('option', { value: operation.operationId, title: `${operation.method} ${operation.path}` }, operation.operationId));
    } catch (error) {
      notice(presetMessage, 'error', `Cannot read the presets: ${describe(error)}`);
    }
  };
  void loadChoices();
  let timer: number | undefined;

  return {
    activate() {
      void refreshRules();
      void editor.loadScenarios();
      timer = window.setInterval(() => void refreshRules(), REFRESH_MS);
    },
    deactivate() {
      window.clearInterval(timer);
    },
  };
}

/** A name no rule in force has yet, so each rule can be removed by name. */
async function uniqueName(base: string): Promise<string> {
  const { rules } = await admin<{ rules: RuleState[] }>('faults');
  const taken = new Set(rules.map((s) => s.rule.name ?? `rule ${s.index}`));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} #${n}`)) n += 1;
  return `${base} #${n}`;
}

function describeMatch({ rule }: RuleState): string {
  const parts = Object.entries(rule.match ?? {}).map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  if (rule.times !== undefined) parts.push(`${rule.times} time(s)`);
  return parts.length > 0 ? parts.join(' · ') : 'every request';
}

function describeRespond({ rule }: RuleState): Node {
  const respond = rule.respond;
  const latency = rule.latency === undefined ? '' : ` + latency ${JSON.stringify(rule.latency)} ms`;
  if (!respond) return h('span', { class: 'muted' }, `latency only${latency}`);
  const headers = respond['headers'] ? ` ${JSON.stringify(respond['headers'])}` : '';
  if (typeof respond['preset'] === 'string') return h('span', {}, h('code', {}, respond['preset']), headers + latency);
  return h('span', {}, statusBadge(Number(respond['status'])), ` ${String(respond['type'] ?? '')}${headers}${latency}`);
}
