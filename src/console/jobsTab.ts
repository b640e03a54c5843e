import { admin, describe, readJson, videoApi } from './apiClient.js';
import { h, notice, show } from './dom.js';
import type { Tab } from './Tab.js';
import { findOperation, specOperations, type Operation } from './specOperations.js';

interface Video {
  id: string;
  model: string;
  status: 'queued' | 'in_progress' | 'completed' | 'failed';
  progress?: number | null;
  prompt: string;
  size: string;
  seconds: string | null;
  created_at: number;
  remixed_from_video_id?: string | null;
  error?: { code: string; message: string } | null;
}

interface VideoList {
  data: Video[];
  last_id?: string | null;
  has_more: boolean;
}

interface Capabilities {
  create: boolean;
  remix: boolean;
  remove: boolean;
  thumbnails: boolean;
}

const PAGE = 20;

/**
 * A provider's jobs as the API lists them (with the console's virtual key). Create, remix,
 * delete and thumbnails appear when the spec in force routes those operations.
 */
export function mountJobs(panel: HTMLElement): Tab {
  const provider = h('select', { 'aria-label': 'provider', name: 'provider' });
  const rows = h('tbody');
  const message = h('div');
  const pager = h('div', { class: 'toolbar', style: 'margin:12px 0 0' });
  const createBox = h('div', { class: 'card', hidden: true, 'data-card': 'create' });
  const table = h('table', { 'data-table': 'jobs' });
  const empty = h('div', { class: 'empty', hidden: true }, 'This provider has no jobs.');
  show(
    panel,
    h('div', { class: 'card' },
      h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Jobs'), h('label', { class: 'field' }, 'Provider', provider),
        h('span', { class: 'spacer' }), h('button', { onclick: () => void load(cursors.at(-1)) }, 'Refresh')),
      message, table, empty, pager),
    createBox,
  );

  let capabilities: Capabilities = { create: false, remix: false, remove: false, thumbnails: false };
  /** `after` cursors of the pages walked so far (undefined: the first page). */
  let cursors: (string | undefined)[] = [undefined];
  const thumbnails: string[] = [];

  const load = async (after: string | undefined) => {
    const query = new URLSearchParams({ provider: provider.value, limit: String(PAGE) });
    if (after) query.set('after', after);
    try {
      const page = await readJson<VideoList>(await videoApi(`/v1/videos?${query}`));
      show(message);
      render(page);
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  const act = async (what: string, request: Promise<Response>) => {
    try {
      await readJson(await request);
      await load(cursors.at(-1));
      notice(message, 'ok', what); // after the reload, which clears the previous message
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  const render = (page: VideoList) => {
    for (const url of thumbnails.splice(0)) URL.revokeObjectURL(url);
    table.hidden = page.data.length === 0;
    empty.hidden = page.data.length > 0;
    show(table,
      h('thead', {}, h('tr', {}, capabilities.thumbnails && h('th', {}), h('th', {}, 'id'), h('th', {}, 'status'), h('th', {}, 'progress'), h('th', {}, 'model'), h('th', {}, 'size'), h('th', {}, 'seconds'), h('th', {}, 'created'), h('th', {}))),
      rows);
    show(rows, ...page.data.flatMap((video) => jobRows(video)));
    show(pager,
      h('button', { disabled: cursors.length <= 1, onclick: () => { cursors.pop(); void load(cursors.at(-1)); } }, '← Newer'),
      h('span', { class: 'muted' }, `page ${cursors.length}`),
      h('button', { disabled: !page.has_more || !page.last_id, onclick: () => { cursors.push(page.last_id ?? undefined); void load(cursors.at(-1)); } }, 'Older →'));
  };

  const jobRows = (video: Video): HTMLElement[] => {
    const remixRow = h('tr', { hidden: true }, h('td', { colspan: 9 }));
    const remixPrompt = h('input', { placeholder: 'what to change', 'aria-label': 'remix prompt', style: 'width:60%' });
    show(remixRow.firstElementChild!, h('div', { class: 'toolbar', style: 'margin:0' }, remixPrompt,
      h('button', { class: 'primary', 'data-action': 'confirm-remix', onclick: () => void act(`Remix of ${short(video.id)} queued.`, videoApi(`/v1/videos/${encodeURIComponent(video.id)}/remix`, { method: 'POST', body: { prompt: remixPrompt.value } })) }, 'Remix'),
      h('button', { onclick: () => { remixRow.hidden = true; } }, 'Cancel')));
    const thumb = h('td', {});
    if (capabilities.thumbnails && video.status === 'completed') void loadThumbnail(video.id, thumb);
    const row = h('tr', { 'data-job': video.id, title: video.prompt },
      capabilities.thumbnails && thumb,
      h('td', { class: 'mono nowrap' }, short(video.id), video.remixed_from_video_id && h('div', { class: 'rule-match' }, `remix of ${short(video.remixed_from_video_id)}`)),
      h('td', {}, h('span', { class: `badge job-${video.status}` }, video.status.replace('_', ' ')), video.error && h('div', { class: 'rule-match' }, video.error.code)),
      h('td', { class: 'nowrap' }, h('span', { class: `progress${video.status === 'failed' ? ' failed' : ''}`, title: `${video.progress ?? 0}%` }, h('span', { style: `width:${video.progress ?? 0}%` })), ` ${video.progress ?? '—'}`),
      h('td', {}, video.model),
      h('td', {}, video.size),
      h('td', { class: 'num' }, video.seconds ?? '—'),
      h('td', { class: 'mono nowrap' }, new Date(video.created_at * 1000).toISOString().slice(0, 19).replace('T', ' ')),
      h('td', { class: 'num nowrap' },
        capabilities.remix && video.status === 'completed' && h('button', { 'data-action': 'remix', onclick: () => { remixRow.hidden = false; remixPrompt.focus(); } }, 'Remix'), ' ',
        capabilities.remove && (video.status === 'completed' || video.status === 'failed') && h('button', { class: 'danger', 'data-action': 'delete', onclick: () => void act(`Deleted ${short(video.id)}.`, videoApi(`/v1/videos/${encodeURIComponent(video.id)}`, { method: 'DELETE' })) }, 'Delete')));
    return [row, remixRow];
  };

  const loadThumbnail = async (id: string, cell: HTMLElement) => {
    const response = await videoApi(`/v1/videos/${encodeURIComponent(id)}/content?variant=thumbnail`);
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    thumbnails.push(url);
    show(cell, h('img', { class: 'thumb', src: url, alt: `thumbnail of ${short(id)}` }));
  };

  const renderCreate = () => {
    createBox.hidden = !capabilities.create;
    if (!capabilities.create) return;
    const prompt = h('input', { 'aria-label': 'prompt', name: 'prompt', placeholder: 'A red fox running through fresh snow at dawn', style: 'width:420px' });
    const model = h('select', { 'aria-label': 'model', name: 'model' }, ...['sora-2', 'sora-2-pro'].map((m) => h('option', { value: m }, m)));
    const seconds = h('select', { 'aria-label': 'seconds', name: 'seconds' }, ...['4', '8', '12'].map((s) => h('option', { value: s }, s)));
    const size = h('select', { 'aria-label': 'size', name: 'size' }, ...['720x1280', '1280x720', '1024x1792', '1792x1024'].map((s) => h('option', { value: s }, s)));
    show(createBox, h('h2', {}, 'Create a job'),
      h('div', { class: 'toolbar', style: 'margin:0' },
        h('label', { class: 'field' }, 'Prompt', prompt), h('label', { class: 'field' }, 'Model', model),
        h('label', { class: 'field' }, 'Seconds', seconds), h('label', { class: 'field' }, 'Size', size),
        h('button', { class: 'primary', 'data-action': 'create', onclick: () => {
          cursors = [undefined];
          void act('Job created.', videoApi('/v1/videos', { method: 'POST', body: { prompt: prompt.value, model: `${provider.value}/${model.value}`, seconds: seconds.value, size: size.value } }));
        } }, 'Create')));
  };

  provider.addEventListener('change', () => {
    cursors = [undefined];
    void load(undefined);
  });

  let ready: Promise<void> | undefined;
  const setup = async () => {
    try {
      const [health, operations] = await Promise.all([admin<{ jobs?: { provider: string }[] }>('health'), specOperations().catch((): Operation[] => [])]);
      for (const { provider: name } of health.jobs ?? []) provider.append(h('option', { value: name }, name));
      capabilities = {
        create: findOperation(operations, 'POST', '/v1/videos') !== undefined,
        remix: findOperation(operations, 'POST', '/v1/videos/{}/remix') !== undefined,
        remove: findOperation(operations, 'DELETE', '/v1/videos/{}') !== undefined,
        thumbnails: findOperation(operations, 'GET', '/v1/videos/{}/content') !== undefined,
      };
      renderCreate();
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  return {
    activate() {
      ready ??= setup();
      void ready.then(() => load(cursors.at(-1)));
    },
  };
}

function short(id: string): string {
  const [bare, provider] = id.split(':');
  return bare && bare.length > 18 ? `${bare.slice(0, 14)}…${bare.slice(-4)}${provider ? `:${provider}` : ''}` : id;
}
