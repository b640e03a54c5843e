import { videoApi } from './apiClient.js';
import { h, show } from './dom.js';
import { shortId } from './jobRow.js';

export interface Thumbnails {
  /** Shows the job's thumbnail in `cell`, fetched once per job however often its row is redrawn. */
  show(id: string, cell: HTMLElement): void;
  /** Forgets (and frees) the thumbnails of jobs no longer shown. */
  keepOnly(ids: ReadonlySet<string>): void;
}

/**
 * Thumbnails fetched with the console's key (an <img src> cannot send it) and kept as blob
 * URLs: a row redrawn by the live follow costs no second download.
 */
export function createThumbnails(): Thumbnails {
  const urls = new Map<string, Promise<string | undefined>>();
  const fetchOne = async (id: string) => {
    const response = await videoApi(`/v1/videos/${encodeURIComponent(id)}/content?variant=thumbnail`);
    return response.ok ? URL.createObjectURL(await response.blob()) : undefined;
  };
  return {
    show(id, cell) {
      let url = urls.get(id);
      if (!url) urls.set(id, (url = fetchOne(id).catch(() => undefined)));
      void url.then((src) => {
        if (src) show(cell, h('img', { class: 'thumb', src, alt: `thumbnail of ${shortId(id)}` }));
      });
    },
    keepOnly(ids) {
      for (const [id, url] of urls) {
        if (ids.has(id)) continue;
        urls.delete(id);
        void url.then((src) => src && URL.revokeObjectURL(src));
      }
    },
  };
}
