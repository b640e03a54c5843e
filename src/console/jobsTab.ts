import type { ProvidersAnswer } from '../shared/providerCatalog.js';
import { admin, describe, readJson, videoApi } from './apiClient.js';
import { mountCreateForm } from './createJobForm.js';
import { h, notice, show } from './dom.js';
import { followJobs } from './followJobs.js';
import { detailRow, jobRow, shortId, type Capabilities, type DetailRow, type RowActions, type Video } from './jobRow.js';
import { findOperation, specOperations, type Operation } from './specOperations.js';
import type { Tab } from './Tab.js';
import { createThumbnails } from './thumbnails.js';

interface VideoList {
  data: Video[];
  last_id?: string | null;
  has_more: boolean;
}

const PAGE = 20;

/**
 * A provider's jobs as the API lists them (with the console's virtual key), running ones
 * followed live. Create, remix, delete and thumbnails appear when the spec in force routes those
 * operations; each action's error shows beside it.
 */
export function mountJobs(panel: HTMLElement): Tab {
  const provider = h('select', { 'aria-label': 'provider', name: 'provider' });
  const rows = h('tbody');
  const message = h('div', { 'data-message': 'jobs' });
  const pager = h('div', { class: 'toolbar', style: 'margin:12px 0 0' });
  const table = h('table', { 'data-table': 'jobs' });
  const empty = h('div', { class: 'empty', hidden: true }, 'This provider has no jobs.');
  const createForm = mountCreateForm(async (video) => {
    cursors = [undefined];
    await load(undefined);
    notice(message, 'ok', `Created ${shortId(video.id)}: it is followed live below.`);
  });
  createForm.element.hidden = true;
  show(
    panel,
    createForm.element,
    h('div', { class: 'card' },
      h('div', { class: 'toolbar' }, h('h2', { style: 'margin:0' }, 'Jobs'), h('label', { class: 'field' }, 'Provider', provider),
        h('span', { class: 'spacer' }), h('button', { 'data-action': 'refresh', onclick: () => void load(cursors.at(-1)) }, 'Refresh')),
      message, table, empty, pager),
  );

  let capabilities: Capabilities = { create: false, remix: false, remove: false, thumbnails: false };
  let catalog: ProvidersAnswer = { providers: [] };
  /** `after` cursors of the pages walked so far (undefined: the first page). */
  let cursors: (string | undefined)[] = [undefined];
  const thumbnails = createThumbnails();
  /** The rows shown, by job id: the live follow redraws a job's row in place. */
  const shown = new Map<string, { row: HTMLTableRowElement; detail: DetailRow }>();

  const follower = followJobs({
    onUpdate(video) {
      const parts = shown.get(video.id);
      if (!parts) return;
      const row = jobRow(video, parts.detail, actions);
      parts.row.replaceWith(row);
      parts.row = row;
    },
    onError(id, error) {
      shown.get(id)?.detail.fail(`Following ${shortId(id)}: ${describe(error)}`);
    },
  });

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

  /** A remix or delete: on success the list is read again and says so; an error shows under the job. */
  const act = async (what: string, request: Promise<Response>, detail: DetailRow) => {
    try {
      await readJson(await request);
      await load(cursors.at(-1));
      notice(message, 'ok', what); // after the reload, which clears the previous message
    } catch (error) {
      detail.fail(describe(error));
    }
  };

  const actions: RowActions = {
    get capabilities() {
      return capabilities;
    },
    thumbnails,
    remix: (video, prompt, detail) =>
      void act(`Remix of ${shortId(video.id)} queued.`, videoApi(`/v1/videos/${encodeURIComponent(video.id)}/remix`, { method: 'POST', body: { prompt } }), detail),
    remove: (video, detail) =>
      void act(`Deleted ${shortId(video.id)}.`, videoApi(`/v1/videos/${encodeURIComponent(video.id)}`, { method: 'DELETE' }), detail),
  };

  const render = (page: VideoList) => {
    thumbnails.keepOnly(new Set(page.data.map((video) => video.id)));
    shown.clear();
    table.hidden = page.data.length === 0;
    empty.hidden = page.data.length > 0;
    show(table,
      h('thead', {}, h('tr', {}, capabilities.thumbnails && h('th', {}), h('th', {}, 'id'), h('th', {}, 'status'), h('th', {}, 'progress'), h('th', {}, 'model'), h('th', {}, 'size'), h('th', {}, 'seconds'), h('th', {}, 'created'), h('th', {}))),
      rows);
    show(rows, ...page.data.flatMap((video) => {
      const detail = detailRow(video, actions);
      const row = jobRow(video, detail, actions);
      shown.set(video.id, { row, detail });
      return [row, detail.row];
    }));
    show(pager,
      h('button', { disabled: cursors.length <= 1, onclick: () => { cursors.pop(); void load(cursors.at(-1)); } }, '← Newer'),
      h('span', { class: 'muted' }, `page ${cursors.length}`),
      h('button', { disabled: !page.has_more || !page.last_id, onclick: () => { cursors.push(page.last_id ?? undefined); void load(cursors.at(-1)); } }, 'Older →'));
    follower.follow(page.data);
  };

  provider.addEventListener('change', () => {
    cursors = [undefined];
    createForm.offer(catalog.providers.find((p) => p.name === provider.value));
    void load(undefined);
  });

  let ready: Promise<void> | undefined;
  const setup = async () => {
    try {
      const [health, operations, providers] = await Promise.all([
        admin<{ jobs?: { provider: string }[] }>('health'),
        specOperations().catch((): Operation[] => []),
        admin<ProvidersAnswer>('providers'),
      ]);
      catalog = providers;
      for (const { provider: name } of health.jobs ?? []) provider.append(h('option', { value: name }, name));
      capabilities = {
        create: findOperation(operations, 'POST', '/v1/videos') !== undefined,
        remix: findOperation(operations, 'POST', '/v1/videos/{}/remix') !== undefined,
        remove: findOperation(operations, 'DELETE', '/v1/videos/{}') !== undefined,
        thumbnails: findOperation(operations, 'GET', '/v1/videos/{}/content') !== undefined,
      };
      createForm.element.hidden = !capabilities.create;
      createForm.offer(catalog.providers.find((p) => p.name === provider.value));
    } catch (error) {
      notice(message, 'error', describe(error));
    }
  };

  return {
    activate() {
      follower.resume();
      ready ??= setup();
      void ready.then(() => load(cursors.at(-1)));
    },
    deactivate() {
      follower.pause();
    },
  };
}
