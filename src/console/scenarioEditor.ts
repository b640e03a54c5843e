import { admin, describe } from './apiClient.js';
import { h, notice, show } from './dom.js';

interface ScenarioFile {
  name: string;
  description: string;
  text: string;
}

interface YamlModule {
  parse(text: string): unknown;
}

// The `yaml` package's browser build, served by the mock from its own node_modules.
const yamlUrl = new URL('./vendor/yaml/index.js', import.meta.url).href;
let yaml: Promise<YamlModule> | undefined;

const EXAMPLE = `rules:
  - name: azure is down
    match: { provider: azure }
    respond: { preset: provider_unavailable, headers: { Retry-After: "30" } }
`;

/**
 * A YAML scenario editor: Apply replaces the rules in force with the scenario (PUT
 * /__mock/faults), so the errors it shows are the API's own; invalid input changes nothing.
 */
export function mountScenarioEditor(onApplied: () => void): { element: HTMLElement; loadScenarios(): Promise<void> } {
  const text = h('textarea', { spellcheck: 'false', 'aria-label': 'scenario YAML', name: 'scenario' });
  text.value = EXAMPLE;
  const message = h('div', { 'data-message': 'scenario' });
  const shipped = h('div', { class: 'scenarios' });
  text.addEventListener('input', () => text.removeAttribute('aria-invalid'));

  const applyText = async () => {
    let rules: unknown;
    try {
      rules = (await (yaml ??= import(yamlUrl) as Promise<YamlModule>)).parse(text.value);
    } catch (error) {
      text.setAttribute('aria-invalid', 'true');
      notice(message, 'error', `Not valid YAML: ${describe(error).split('\n')[0]}; the rules in force are unchanged.`);
      return;
    }
    try {
      const answer = await admin<{ rules?: unknown[] }>('faults', { method: 'PUT', body: rules ?? [] });
      text.removeAttribute('aria-invalid');
      notice(message, 'ok', `Applied: ${answer.rules?.length ?? 'the'} rule(s) in force.`);
      onApplied();
    } catch (error) {
      text.setAttribute('aria-invalid', 'true');
      notice(message, 'error', describe(error));
    }
  };

  const element = h('div', { class: 'card' },
    h('h2', {}, 'Scenario'),
    h('p', { class: 'muted', style: 'margin:0 0 10px' }, 'Replace every rule with a scenario (the --faults file format). Shipped scenarios load with one click:'),
    shipped,
    text,
    h('div', { class: 'toolbar', style: 'margin:10px 0 0' }, h('button', { class: 'primary', onclick: () => void applyText(), 'data-action': 'apply-scenario' }, 'Apply scenario')),
    message,
  );

  let loaded = false;
  return {
    element,
    async loadScenarios() {
      if (loaded) return;
      try {
        const { scenarios } = await admin<{ scenarios: ScenarioFile[] }>('scenarios');
        loaded = true;
        show(shipped, ...scenarios.map((scenario) =>
          h('button', {
            title: scenario.description,
            'data-scenario': scenario.name,
            onclick: () => {
              text.value = scenario.text;
              void applyText();
            },
          }, scenario.name)));
      } catch (error) {
        notice(shipped, 'error', `Cannot list the shipped scenarios: ${describe(error)}`);
      }
    },
  };
}
