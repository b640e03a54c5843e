import { h, notice, show } from './dom.js';
import type { Thumbnails } from './thumbnails.js';

export interface Video {
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

export interface Capabilities {
  create: boolean;
  remix: boolean;
  remove: boolean;
  thumbnails: boolean;
}

export interface RowActions {
  capabilities: Capabilities;
  thumbnails: Thumbnails;
  remix(video: Video, prompt: string, detail: DetailRow): void;
  remove(video: Video, detail: DetailRow): void;
}

/** The row under a job's row: its remix form and the errors of what was done to it, in sight. */
export interface DetailRow {
  row: HTMLTableRowElement;
  openRemix(): void;
  fail(message: string): void;
}

const COLUMNS = 9;

export function isFinal(video: Video): boolean {
  return video.status === 'completed' || video.status === 'failed';
}

export function detailRow(video: Video, actions: RowActions): DetailRow {
  const row = h('tr', { hidden: true, 'data-job-detail': video.id }, h('td', { colspan: COLUMNS }));
  const prompt = h('input', { placeholder: 'what to change', 'aria-label': 'remix prompt', style: 'width:60%' });
  const message = h('div', { 'data-message': 'job' });
  const remixForm = h('div', { class: 'toolbar', style: 'margin:0', hidden: true }, prompt,
    h('button', { class: 'primary', 'data-action': 'confirm-remix', onclick: () => actions.remix(video, prompt.value, detail) }, 'Remix'),
    h('button', { onclick: () => { remixForm.hidden = true; show(message); row.hidden = true; } }, 'Cancel'));
  show(row.firstElementChild!, remixForm, message);
  const detail: DetailRow = {
    row,
    openRemix() {
      row.hidden = false;
      remixForm.hidden = false;
      prompt.focus();
    },
    fail(text) {
      row.hidden = false;
      notice(message, 'error', text);
    },
  };
  return detail;
}

/** A job's row: thumbnail, id, status, progress, model, size, seconds, created, and its actions. */
export function jobRow(video: Video, detail: DetailRow, { capabilities, thumbnails, remove }: RowActions): HTMLTableRowElement {
  const thumb = h('td', {});
  if (capabilities.thumbnails && video.status === 'completed') thumbnails.show(video.id, thumb);
  const progress = video.progress ?? 0;
  return h('tr', { 'data-job': video.id, 'data-status': video.status, title: video.prompt },
    capabilities.thumbnails && thumb,
    h('td', { class: 'mono nowrap' }, shortId(video.id), video.remixed_from_video_id && h('div', { class: 'rule-match' }, `remix of ${shortId(video.remixed_from_video_id)}`)),
    h('td', {}, h('span', { class: `badge job-${video.status}` }, video.status.replace('_', ' ')), video.error && h('div', { class: 'rule-match' }, video.error.code)),
    h('td', { class: 'nowrap', 'data-progress': progress }, h('span', { class: `progress${video.status === 'failed' ? ' failed' : ''}`, title: `${progress}%` }, h('span', { style: `width:${progress}%` })), ` ${video.progress ?? '—'}`),
    h('td', {}, video.model),
    h('td', {}, video.size),
    h('td', { class: 'num' }, video.seconds ?? '—'),
    h('td', { class: 'mono nowrap' }, new Date(video.created_at * 1000).toISOString().slice(0, 19).replace('T', ' ')),
    h('td', { class: 'num nowrap' },
      capabilities.remix && video.status === 'completed' && h('button', { 'data-action': 'remix', onclick: () => detail.openRemix() }, 'Remix'), ' ',
      capabilities.remove && isFinal(video) && h('button', { class: 'danger', 'data-action': 'delete', onclick: () => remove(video, detail) }, 'Delete')));
}

export function shortId(id: string): string {
  const [bare, provider] = id.split(':');
  return bare && bare.length > 18 ? `${bare.slice(0, 14)}…${bare.slice(-4)}${provider ? `:${provider}` : ''}` : id;
}
