import type { ProviderChoices } from '../shared/providerCatalog.js';
import { describe, readJson, videoApi } from './apiClient.js';
import { h, notice, show } from './dom.js';
import type { Video } from './jobRow.js';

export interface CreateForm {
  element: HTMLElement;
  /** Offers this provider's models, and for the chosen model only the sizes and durations it takes. */
  offer(provider: ProviderChoices | undefined): void;
}

/**
 * "Create a job": a prompt and the choices the provider catalog allows (GET /__mock/providers),
 * so the form cannot ask sora-2 for 1792x1024. Its answer, error or success, shows under it.
 */
export function mountCreateForm(onCreated: (video: Video) => Promise<void>): CreateForm {
  const prompt = h('input', { 'aria-label': 'prompt', name: 'prompt', placeholder: 'A red fox running through fresh snow at dawn', style: 'width:420px' });
  const model = h('select', { 'aria-label': 'model', name: 'model' });
  const seconds = h('select', { 'aria-label': 'seconds', name: 'seconds' });
  const size = h('select', { 'aria-label': 'size', name: 'size' });
  const button = h('button', { class: 'primary', 'data-action': 'create', onclick: () => void create() }, 'Create');
  const note = h('span', { class: 'muted', hidden: true });
  const message = h('div', { 'data-message': 'create' });
  const element = h('div', { class: 'card', 'data-card': 'create' },
    h('h2', {}, 'Create a job'),
    h('div', { class: 'toolbar', style: 'margin:0' },
      h('label', { class: 'field' }, 'Prompt', prompt), h('label', { class: 'field' }, 'Model', model),
      h('label', { class: 'field' }, 'Seconds', seconds), h('label', { class: 'field' }, 'Size', size),
      button, note),
    message);

  let provider: ProviderChoices | undefined;
  const choose = () => {
    const chosen = provider?.models.find((m) => m.id === model.value);
    fill(seconds, chosen?.seconds ?? []);
    fill(size, chosen?.sizes ?? []);
  };
  model.addEventListener('change', choose);

  const create = async () => {
    if (!provider) return;
    button.disabled = true;
    try {
      const body = { prompt: prompt.value, model: `${provider.name}/${model.value}`, seconds: seconds.value, size: size.value };
      const video = await readJson<Video>(await videoApi('/v1/videos', { method: 'POST', body }));
      notice(message, 'ok', 'Job created.');
      await onCreated(video);
    } catch (error) {
      notice(message, 'error', describe(error));
    } finally {
      button.disabled = !provider;
    }
  };

  return {
    element,
    offer(next) {
      const creates = next?.operations.includes('video_generation') ?? false;
      provider = creates ? next : undefined;
      fill(model, provider?.models.map((m) => m.id) ?? []);
      choose();
      for (const input of [prompt, model, seconds, size, button]) input.disabled = !provider;
      note.hidden = creates;
      note.textContent = next ? `${next.name} does not create videos` : 'no provider catalog';
      show(message);
    },
  };
}

/** Replaces a select's options, keeping the value chosen before when it is still offered. */
function fill(select: HTMLSelectElement, values: readonly string[]): void {
  const before = select.value;
  show(select, ...values.map((value) => h('option', { value }, value)));
  if (values.includes(before)) select.value = before;
}
