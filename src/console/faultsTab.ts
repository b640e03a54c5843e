import { admin, describe } from './apiClient.js';
import { h, notice, show, statusBadge } from './dom.js';
import { mountRulesCard, ruleName, type RuleState } from './rulesCard.js';
import { mountScenarioEditor } from './scenarioEditor.js';
import { specOperations } from './specOperations.js';
import type { Tab } from './Tab.js';

interface Preset {
  name: string;
  status: number | null;
  description: string;
}

const REFRESH_MS = 2000;
const COLUMNS = 4;

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
  // Errors reading the presets; an Apply's own answer shows in a row under its preset.
  const presetMessage = h('div');
  const presetRows = h('tbody');
  const rules = mountRulesCard();
  const editor = mountScenarioEditor(() => void rules.refresh());

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
        presetMessage,
        h('table', { 'data-table': 'presets' },
          h('thead', {}, h('tr', {}, h('th', {}, 'preset'), h('th', {}, 'status'), h('th', {}, 'imitates'), h('th', {}))),
          presetRows),
      ),
      h('div', { class: 'stack' }, rules.element, editor.element),
    ),
  );

  const apply = async (preset: string, message: HTMLElement) => {
    const match: Record<string, string> = {};
    if (scope.provider.value) match['provider'] = scope.provider.value;
    if (scope.operation.value) match['operation'] = scope.operation.value;
    const times = scope.duration.value === 'times' ? Number(scope.times.value) : undefined;
    const retryAfter = scope.retryAfter.value.trim();
    try {
      const rule = {
        name: await uniqueName([preset, match['provider'], match['operation']].filter(Boolean).join(' · ')),
        ...(Object.keys(match).length > 0 && { match }),
        ...(times !== undefined && { times }),
        respond: { preset, ...(retryAfter !== '' && { headers: { 'Retry-After': retryAfter } }) },
      };
      await admin('faults', { method: 'POST', body: rule });
      notice(message, 'ok', `Applied "${rule.name}".`);
      await rules.refresh();
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  const renderPresets = (presets: Preset[]) => {
    show(
      presetRows,
      ...presets.flatMap((preset) => {
        const slowMs = preset.name === 'slow:<ms>' ? h('input', { type: 'number', min: 0, value: 1500, 'aria-label': 'delay in ms' }) : undefined;
        const name = () => (slowMs ? `slow:${slowMs.value}` : preset.name);
        // The answer to this preset's Apply, right under it: in sight of the button clicked.
        const message = h('td', { colspan: COLUMNS, class: 'row-message' });
        const messageRow = h('tr', { 'data-preset-message': preset.name }, message);
        return [
          h('tr', { 'data-preset': preset.name },
            h('td', {}, h('code', {}, preset.name), slowMs && ' ', slowMs),
            h('td', {}, preset.status === null ? h('span', { class: 'badge status-none' }, 'network') : statusBadge(preset.status)),
            h('td', { class: 'muted' }, preset.description),
            h('td', { class: 'num' }, h('button', { class: 'primary', onclick: () => void apply(name(), message), 'data-apply': preset.name }, 'Apply'))),
          messageRow,
        ];
      }),
    );
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
      void rules.refresh();
      void editor.loadScenarios();
      timer = window.setInterval(() => void rules.refresh(), REFRESH_MS);
    },
    deactivate() {
      window.clearInterval(timer);
    },
  };
}

/** A name no rule in force has yet, so each rule can be removed by name. */
async function uniqueName(base: string): Promise<string> {
  const { rules } = await admin<{ rules: RuleState[] }>('faults');
  const taken = new Set(rules.map(ruleName));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} #${n}`)) n += 1;
  return `${base} #${n}`;
}
