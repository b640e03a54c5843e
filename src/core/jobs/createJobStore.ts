import { errors } from '../errors/catalog.js';
import { AgeQueue } from './AgeQueue.js';
import { heldBytes } from './heldBytes.js';
import type { JobRecord } from '../data/JobRecord.js';
import type { JobView } from './jobView.js';

/** A job made on this instance (POST /v1/videos or a remix): plain data, no timers. */
export interface CreatedJob {
  provider: string;
  /** Its place in the provider's list, after every seeded position. */
  position: number;
  record: JobRecord;
  /** What it is charged against the store's byte budget (createdJobBytes). */
  bytes: number;
  /** Its view once final (frozen), kept so responses share it. */
  final?: JobView;
}

/** One provider's changes to the seeded world. */
export interface ProviderLedger {
  /** Positions of the live created jobs, ascending (= creation order). */
  readonly created: readonly number[];
  /** How many created positions were handed out (deleted and forgotten ones included). */
  readonly issued: number;
  /** Seeded positions deleted on this instance. */
  readonly deletedSeeded: ReadonlySet<number>;
}

export interface JobStoreLimits {
  /** Created jobs kept in memory across providers; past it the oldest are forgotten (1% of it at a time). */
  maxCreated: number;
  /**
   * Bytes the created jobs may hold across providers (see createdJobBytes); past it the oldest
   * are forgotten until they hold 1% less. The newest job is always kept.
   */
  maxCreatedBytes: number;
  /** Seeded jobs that may be deleted before a reset; past it deletes are refused. */
  maxDeleted: number;
}

export interface JobStore {
  readonly limits: JobStoreLimits;
  /** Bumped by clear(): ids handed out before a reset are never valid again. */
  readonly generation: number;
  ledger(provider: string, seededCount: number): ProviderLedger;
  get(provider: string, position: number): CreatedJob | undefined;
  /** Stores a new job at the provider's next position (forgetting the oldest past the cap). */
  add(provider: string, seededCount: number, make: (position: number) => JobRecord): CreatedJob;
  removeCreated(provider: string, position: number): void;
  deleteSeeded(provider: string, seededCount: number, position: number): void;
  /** Created jobs currently kept. */
  size(): number;
  /** What the kept jobs are charged, in bytes (see createdJobBytes). */
  bytes(): number;
  /** Bumped whenever a created job leaves (forgotten or deleted): caches holding jobs drop them. */
  readonly departures: number;
  clear(): void;
}

interface MutableLedger {
  provider: string;
  created: number[];
  /** The job at each position of `created` (arrays, not a Map: a create hashes nothing). */
  jobs: CreatedJob[];
  issued: number;
  deletedSeeded: Set<number>;
}

/** Where a created job is, in the age queue: never the job itself, so a job that leaves is unreachable at once. */
interface AgeEntry {
  ledger: MutableLedger;
  position: number;
}

export const defaultJobStoreLimits: JobStoreLimits = { maxCreated: 10_000, maxCreatedBytes: 64 * 1024 * 1024, maxDeleted: 100_000 };

/**
 * What a created job costs, as charged against the byte budget: its prompt twice, at its size in
 * memory (the text, and the serialized copy kept with a finished job's frozen view), its other
 * strings, and a fixed cost for the rest: the record, its render plan and the frozen view
 * (2.2 KB a job measured on the heap, for finished and retrieved jobs of one-character
 * prompts; 3 KB charged). A job of 10,000 ASCII characters measured 16.5 KB, charged 23 KB.
 */
export const CREATED_JOB_FIXED_BYTES = 3072;

export function createdJobBytes(record: JobRecord): number {
  return CREATED_JOB_FIXED_BYTES + 2 * heldBytes(record.prompt) + 2 * (record.id.length + record.model.length + (record.remixedFromVideoId?.length ?? 0));
}

/**
 * Created jobs and deletions, per provider, capped. A created job lives at position
 * `seeded count + n` (the n-th created), so it sorts after every seeded job, and a cursor naming
 * it keeps its place after it is deleted.
 */
export function createJobStore(given: Partial<JobStoreLimits> = {}): JobStore {
  const limits: JobStoreLimits = { ...defaultJobStoreLimits, ...given };
  let ledgers = new Map<string, MutableLedger>();
  /**
   * Where every created job is, oldest first, across providers: the eviction order. A deleted
   * job's entry stays until eviction or a compaction passes it, so a delete costs no search
   * here; the entry holds no part of the job.
   */
  let byAge = new AgeQueue<AgeEntry>();
  let kept = 0;
  let keptBytes = 0;
  let departures = 0;
  let deletedCount = 0;
  let generation = 0;

  const ledgerOf = (provider: string, seededCount: number): MutableLedger => {
    let ledger = ledgers.get(provider);
    if (!ledger) {
      ledger = { provider, created: [], jobs: [], issued: seededCount, deletedSeeded: new Set() };
      ledgers.set(provider, ledger);
    }
    return ledger;
  };
  const get = (provider: string, position: number): CreatedJob | undefined => {
    const ledger = ledgers.get(provider);
    if (!ledger) return undefined;
    const at = lowerBound(ledger.created, position);
    return ledger.created[at] === position ? ledger.jobs[at] : undefined;
  };
  /**
   * Forgets the oldest created jobs until `enough` (one splice per provider instead of one per
   * job: a front splice moves the whole array), never the newest. The oldest kept job of a
   * provider is always the first of its list, so the n-th one evicted from it is its n-th job.
   */
  const evictOldest = (enough: (evicted: number, freedBytes: number) => boolean) => {
    const counts = new Map<MutableLedger, number>();
    let evicted = 0;
    let freed = 0;
    while (!enough(evicted, freed) && kept - evicted > 1) {
      const entry = byAge.shift();
      if (!entry) break;
      const { ledger } = entry;
      const count = counts.get(ledger) ?? 0;
      if (ledger.created[count] !== entry.position) continue; // deleted already
      counts.set(ledger, count + 1);
      freed += ledger.jobs[count]!.bytes;
      evicted += 1;
    }
    for (const [ledger, count] of counts) {
      ledger.created.splice(0, count);
      ledger.jobs.splice(0, count);
    }
    kept -= evicted;
    keptBytes -= freed;
    if (evicted > 0) departures += 1;
  };

  return {
    limits,
    get generation() {
      return generation;
    },
    ledger: (provider, seededCount) => ledgerOf(provider, seededCount),
    get,
    add(provider, seededCount, make) {
      const ledger = ledgerOf(provider, seededCount);
      const position = ledger.issued;
      const record = make(position);
      const job: CreatedJob = { provider, position, record, bytes: createdJobBytes(record) };
      ledger.issued += 1;
      ledger.created.push(position);
      ledger.jobs.push(job);
      byAge.push({ ledger, position });
      kept += 1;
      keptBytes += job.bytes;
      if (kept > limits.maxCreated) {
        const batch = Math.max(1, Math.floor(limits.maxCreated / 100));
        evictOldest((evicted) => evicted >= batch);
      }
      if (keptBytes > limits.maxCreatedBytes) {
        const target = limits.maxCreatedBytes - Math.floor(limits.maxCreatedBytes / 100);
        evictOldest((_, freed) => keptBytes - freed <= target);
      }
      // Entries of deleted jobs the queue still holds are dropped once they outnumber the kept ones.
      if (byAge.length > 2 * kept + 1024) byAge.retain((entry) => get(entry.ledger.provider, entry.position) !== undefined);
      return job;
    },
    removeCreated(provider, position) {
      const ledger = ledgers.get(provider);
      if (!ledger) return;
      const at = lowerBound(ledger.created, position);
      if (ledger.created[at] !== position) return;
      keptBytes -= ledger.jobs[at]!.bytes;
      ledger.created.splice(at, 1);
      ledger.jobs.splice(at, 1);
      kept -= 1;
      departures += 1;
    },
    deleteSeeded(provider, seededCount, position) {
      const ledger = ledgerOf(provider, seededCount);
      if (ledger.deletedSeeded.has(position)) return;
      if (deletedCount >= limits.maxDeleted) throw errors.tooManyDeletions(limits.maxDeleted);
      ledger.deletedSeeded.add(position);
      deletedCount += 1;
    },
    size: () => kept,
    bytes: () => keptBytes,
    get departures() {
      return departures;
    },
    clear() {
      ledgers = new Map();
      byAge = new AgeQueue<AgeEntry>();
      kept = 0;
      keptBytes = 0;
      departures += 1;
      deletedCount = 0;
      generation += 1;
    },
  };
}

/** The first index whose value is >= `value` in an ascending array. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
