import type { Faker, FakerOptions } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import { BoundedCache } from './boundedCache.js';
import type { Video } from '../spec/payloads.js';
import type { ProviderCatalog, ProviderProfile } from './providerCatalog.js';
import { createdAt, QUEUED_UNDER_SECONDS, RUNNING_UNDER_SECONDS } from './timeline.js';
import { decodePosition, encodePosition, fnv1a, hex8, positionKey } from './videoId.js';
import { videoPrompt } from './videoPrompt.js';

export interface DatasetOptions {
  seed: number;
  /** Jobs per provider that can list videos. */
  jobsPerProvider: number;
  /** Unix seconds every timestamp is anchored to. */
  now: number;
  catalog: ProviderCatalog;
}

/** The jobs of one provider, oldest first; every job is derived on demand. */
export interface ProviderJobs {
  provider: string;
  count: number;
  jobAt(position: number): Video;
  /**
   * The jobs at these positions, as a frozen array. Recent pages are kept, so a page asked for
   * again is the same array (and its serialized text can be reused).
   */
  jobsAt(positions: readonly number[]): readonly Video[];
  /** Position of a job id (with or without `:<provider>`), or undefined if it is not ours. */
  positionOf(id: string): number | undefined;
}

export interface Dataset {
  options: Readonly<DatasetOptions>;
  profile(provider: string): ProviderProfile | undefined;
  /** Undefined for providers that are unknown or cannot list. */
  jobs(provider: string): ProviderJobs | undefined;
}

const FAILURES: readonly Readonly<{ code: string; message: string }>[] = [
  { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' },
  { code: 'internal_error', message: 'Video generation failed due to an internal error. Please try again.' },
  {
    code: 'invalid_input_reference',
    message: 'The input reference image could not be processed. Use a JPEG or PNG that matches the requested size.',
  },
].map((failure) => Object.freeze(failure));

/**
 * Providers with up to this many jobs keep every job once derived (a few MB), and recent pages
 * as well. Larger datasets cache nothing: each job is derived when shown (about 13 µs) and is
 * garbage right after, so memory stays flat however deep and wide the traffic. (A bounded cache
 * over a huge dataset keeps evicting jobs that have already been promoted to V8's old space,
 * and the heap grows by tens of MB before a full collection comes.)
 */
const CACHE_ALL_UP_TO = 10_000;
/** Pages (arrays of cached jobs) kept ready per provider, for small datasets. */
const CACHED_PAGES = 256;

// The package root loads every locale (~35 MB); the English entry alone is ~7 MB but exports
// only an instance, so its class is reused to build one with our fast-reseeding randomizer.
const FakerClass = englishFaker.constructor as new (options: FakerOptions) => Faker;

const EMPTY: readonly Video[] = Object.freeze([]);

export function createDataset(options: DatasetOptions): Dataset {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions, randomizer: createSeededRandomizer() });
  const profiles = new Map(options.catalog.providers.map((p) => [p.name, p]));
  const listing = new Map<string, ProviderJobs>();
  for (const profile of options.catalog.providers) {
    if (profile.canList) listing.set(profile.name, providerJobs(profile, options, faker));
  }
  return {
    options,
    profile: (provider) => profiles.get(provider),
    jobs: (provider) => listing.get(provider),
  };
}

function providerJobs(profile: ProviderProfile, options: DatasetOptions, faker: Faker): ProviderJobs {
  const { seed, jobsPerProvider: count, now } = options;
  const provider = profile.name;
  const key = positionKey(seed, provider);
  const providerHash = fnv1a(provider);
  const suffix = `:${provider}`;
  const models = profile.models.map((m) => ({ value: m, weight: m.weight }));

  // Each job draws from its own seeded stream, so job i never depends on job i-1. Ids have a
  // stream of their own, so naming another job (a remix source) leaves this job's draws alone.
  const ids = createSeededRandomizer();
  const randomHex8 = () => hex8(Math.floor(ids.next() * 4294967296));
  const rawId = (position: number) => {
    ids.seed([seed >>> 0, providerHash, position, 1]);
    const noise = randomHex8() + randomHex8() + randomHex8() + randomHex8();
    return `video_${hex8(createdAt(position, count, now))}${encodePosition(position, key)}${noise}`;
  };

  const caching = count <= CACHE_ALL_UP_TO;
  const cached: (Video | undefined)[] = caching ? new Array<Video | undefined>(count) : [];
  const jobAt = (position: number): Video => {
    if (!caching) return deriveJob(position);
    // Frozen: cached jobs are shared by every response that shows them.
    return (cached[position] ??= Object.freeze(deriveJob(position)));
  };

  const deriveJob = (position: number): Video => {
    const created = createdAt(position, count, now);
    faker.seed([seed >>> 0, providerHash, position]);
    const id = rawId(position);
    const model = faker.helpers.weightedArrayElement(models);
    const size = faker.helpers.weightedArrayElement(
      model.sizes.map((value, i) => ({ value, weight: i === 0 ? 3 : 1 })),
    );
    const seconds = faker.datatype.boolean(0.02) ? null : faker.helpers.arrayElement(model.seconds);
    const prompt = faker.datatype.boolean(0.01) ? '' : videoPrompt(faker);
    const video: Video = {
      id: id + suffix,
      object: 'video',
      model: model.id,
      status: 'queued',
      progress: 0,
      prompt,
      seconds,
      size,
      created_at: created,
    };
    const age = now - created;
    if (age >= RUNNING_UNDER_SECONDS) {
      const failed = faker.datatype.boolean(0.12);
      if (failed) {
        video.status = 'failed';
        video.progress = faker.number.int({ min: 0, max: 95 });
        video.completed_at = created + faker.number.int({ min: 5, max: 120 });
        video.error = faker.helpers.arrayElement(FAILURES);
      } else {
        video.status = 'completed';
        video.progress = 100;
        video.completed_at = created + faker.number.int({ min: 90, max: Math.min(age, 900) });
        video.expires_at = video.completed_at + 24 * 60 * 60;
      }
    } else if (age >= QUEUED_UNDER_SECONDS) {
      video.status = 'in_progress';
      video.progress = faker.number.int({ min: 1, max: 99 });
    }
    if (position > 0 && faker.datatype.boolean(0.08)) {
      const source = faker.number.int({ min: 0, max: position - 1 });
      if (createdAt(source, count, now) < created) {
        video.remixed_from_video_id = rawId(source) + suffix;
      }
    }
    return video;
  };

  const positionOf = (id: string): number | undefined => {
    const bare = id.endsWith(suffix) ? id.slice(0, -suffix.length) : id;
    const match = /^video_[0-9a-f]{8}([0-9a-f]{8})[0-9a-f]{32}$/.exec(bare);
    if (!match?.[1]) return undefined;
    const position = decodePosition(match[1], key);
    return position < count && rawId(position) === bare ? position : undefined;
  };

  const pages = new BoundedCache<string, readonly Video[]>(CACHED_PAGES);
  const jobsAt = (positions: readonly number[]): readonly Video[] => {
    if (positions.length === 0) return EMPTY;
    if (!caching) return positions.map(deriveJob);
    const key = positions.join(',');
    let page = pages.get(key);
    if (!page) {
      page = Object.freeze(positions.map(jobAt));
      pages.set(key, page);
    }
    return page;
  };

  return { provider, count, jobAt, jobsAt, positionOf };
}
