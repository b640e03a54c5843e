import type { Dataset } from '../data/createDataset.js';
import { decodePosition, encodePosition, fnv1a, hex8, positionKey, type PositionKey } from '../data/videoId.js';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import type { JobStore } from './createJobStore.js';

/** Ids of one world's jobs: which position an id names, and the id of a new job. */
export interface JobIds {
  /** The position of an id of this provider (seeded or created, deleted or not), if it is one of ours. */
  locate(provider: string, id: string): number | undefined;
  /** The id of the job created at `position`, made at `createdAtMs`. */
  mint(provider: string, position: number, createdAtMs: number): string;
}

const ID = /^video_([0-9a-f]{8})([0-9a-f]{8})([0-9a-f]{32})$/;

/**
 * A created job's id hides its position like a seeded one's (see data/videoId), and its noise
 * is drawn from (instance salt, store generation, provider, position): two instances never hand
 * out the same id, and ids handed out before a reset are never valid again.
 */
export function jobIds(dataset: Dataset, store: JobStore, instanceSalt: number): JobIds {
  const { seed } = dataset.options;
  const keys = new Map<string, PositionKey>();
  const keyOf = (provider: string) => {
    let key = keys.get(provider);
    if (!key) keys.set(provider, (key = dataset.jobs(provider)?.key ?? positionKey(seed, provider)));
    return key;
  };
  const noise = createSeededRandomizer();
  const createdNoise = (provider: string, position: number) => {
    noise.seed([instanceSalt >>> 0, store.generation, fnv1a(provider), position]);
    const word = () => hex8(Math.floor(noise.next() * 4294967296));
    return word() + word() + word() + word();
  };
  return {
    locate(provider, id) {
      const seeded = dataset.jobs(provider);
      const position = seeded?.positionOf(id);
      if (position !== undefined) return position;
      const suffix = `:${provider}`;
      const match = ID.exec(id.endsWith(suffix) ? id.slice(0, -suffix.length) : id);
      if (!match) return undefined;
      const created = decodePosition(match[2]!, keyOf(provider));
      const count = seeded?.count ?? 0;
      if (created < count || created >= store.ledger(provider, count).issued) return undefined;
      return createdNoise(provider, created) === match[3] ? created : undefined;
    },
    mint(provider, position, createdAtMs) {
      return `video_${hex8(Math.floor(createdAtMs / 1000))}${encodePosition(position, keyOf(provider))}${createdNoise(provider, position)}:${provider}`;
    },
  };
}
