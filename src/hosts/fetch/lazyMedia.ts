import { createMediaLibrary, type MediaLibrary, type NamedMedia } from '../../core/media/mediaLibrary.js';

export interface LazyMedia {
  /** The library the core reads: a request that reads media is handed over only once `load()` has settled. */
  library: MediaLibrary;
  /** Loads the files the first time (later calls share that load); never rejects. */
  load(): Promise<void>;
}

/**
 * Media loaded on the first content request, not at startup: in a browser the bundled media is
 * a ~3 MB module of its own. A load that fails makes every content request a 500 naming why
 * (the core logs it), and nothing else.
 */
export function lazyMedia(source: readonly NamedMedia[] | (() => Promise<readonly NamedMedia[]>), where: string): LazyMedia {
  let loaded: MediaLibrary | undefined;
  let failure: unknown;
  let loading: Promise<void> | undefined;
  return {
    library: {
      file(...args) {
        if (loaded) return loaded.file(...args);
        throw failure ?? new Error('the media is not loaded yet');
      },
    },
    load() {
      loading ??= Promise.resolve()
        .then(() => (typeof source === 'function' ? source() : source))
        .then(
          (files) => {
            loaded = createMediaLibrary(files, where);
          },
          (error: unknown) => {
            failure = error;
          },
        )
        .catch((error: unknown) => {
          failure = error;
        });
      return loading;
    },
  };
}
