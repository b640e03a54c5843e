import type { Faker } from '@faker-js/faker';
import type { JobRecord } from './JobRecord.js';
import { busyQueueMs, FAILURE_CODES, renderPlan, type Outcome } from './renderPlan.js';
import { createFaker, type FakerLocale } from '../random/createFaker.js';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import type { ProviderCatalog, ProviderProfile } from './providerCatalog.js';
import { createdAt } from './timeline.js';
import { decodePosition, encodePosition, fnv1a, hex8, positionKey, type PositionKey } from './videoId.js';
import { videoPrompt } from './videoPrompt.js';

export interface DatasetOptions {
  seed: number;
  /** Jobs per provider that can list videos. */
  jobsPerProvider: number;
  /** Unix seconds the seeded world is anchored to (its newest job is 30 s older). */
  now: number;
  catalog: ProviderCatalog;
  /** Render speed-up of every job (2 = twice as fast). Default 1. */
  renderSpeed?: number;
  /**
   * The words jobs are drawn from: faker's English, or only its DATASET_WORDS (the same jobs
   * either way).
   */
  locale: FakerLocale;
}

/** The seeded jobs of one provider, oldest first; every job is derived on demand. */
export interface ProviderJobs {
  provider: string;
  count: number;
  /** The keyed bijection that hides positions in ids (created jobs use it too). */
  key: PositionKey;
  /** What never changes about job `position` (what a client sees when is jobs/seededViews'). */
  recordAt(position: number): JobRecord;
  /** Position of a job id (with or without `:<provider>`), or undefined if it is not ours. */
  positionOf(id: string): number | undefined;
}

export interface Dataset {
  options: Readonly<DatasetOptions>;
  profile(provider: string): ProviderProfile | undefined;
  /** Undefined for providers that are unknown or cannot list. */
  jobs(provider: string): ProviderJobs | undefined;
}

/** Share of seeded jobs that fail. */
const FAILED_SHARE = 0.12;

/**
 * Providers with up to this many jobs keep every job record once derived (a few MB), and every final
 * view (jobs/seededViews). Larger datasets cache nothing: each job is derived when shown (about 13 µs) and is
 * garbage right after, so memory stays flat however deep and wide the traffic. (A bounded cache
 * over a huge dataset keeps evicting jobs that have already been promoted to V8's old space,
 * and the heap grows by tens of MB before a full collection comes.)
 */
export const CACHE_ALL_UP_TO = 10_000;

export function createDataset(options: DatasetOptions): Dataset {
  // Our fast-reseeding randomizer: faker's own takes ~40 µs to seed, once per job.
  const faker = createFaker(options.locale, createSeededRandomizer());
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
  const renderSpeed = options.renderSpeed ?? 1;
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

  const deriveRecord = (position: number): JobRecord => {
    const created = createdAt(position, count, now);
    faker.seed([seed >>> 0, providerHash, position]);
    const id = rawId(position);
    const model = faker.helpers.weightedArrayElement(models);
    const size = faker.helpers.weightedArrayElement(
      model.sizes.map((value, i) => ({ value, weight: i === 0 ? 3 : 1 })),
    );
    const seconds = faker.datatype.boolean(0.02) ? null : faker.helpers.arrayElement(model.seconds);
    const prompt = faker.datatype.boolean(0.01) ? '' : videoPrompt(faker);
    const outcome: Outcome = faker.datatype.boolean(FAILED_SHARE)
      ? { status: 'failed', code: faker.helpers.arrayElement(FAILURE_CODES), atFraction: faker.number.float({ min: 0, max: 0.95 }) }
      : { status: 'completed' };
    const draws = { queue: faker.number.float(), jitter: faker.number.float() };
    const record: JobRecord = {
      id: id + suffix,
      model: model.id,
      prompt,
      seconds,
      size,
      createdAtMs: created * 1000,
      plan: renderPlan({ model: model.id, seconds, size }, draws, renderSpeed, outcome, busyQueueMs((now - created) * 1000)),
    };
    if (position > 0 && faker.datatype.boolean(0.08)) {
      const source = faker.number.int({ min: 0, max: position - 1 });
      if (createdAt(source, count, now) < created) {
        record.remixedFromVideoId = rawId(source) + suffix;
      }
    }
    return record;
  };

  const caching = count <= CACHE_ALL_UP_TO;
  const records: (JobRecord | undefined)[] = caching ? new Array<JobRecord | undefined>(count) : [];
  const recordAt = (position: number): JobRecord => {
    if (!caching) return deriveRecord(position);
    return (records[position] ??= Object.freeze(deriveRecord(position)));
  };
  const positionOf = (id: string): number | undefined => {
    const bare = id.endsWith(suffix) ? id.slice(0, -suffix.length) : id;
    const match = /^video_[0-9a-f]{8}([0-9a-f]{8})[0-9a-f]{32}$/.exec(bare);
    if (!match?.[1]) return undefined;
    const position = decodePosition(match[1], key);
    return position < count && rawId(position) === bare ? position : undefined;
  };

  return {
    provider,
    count,
    key,
    recordAt,
    positionOf,
  };
}
