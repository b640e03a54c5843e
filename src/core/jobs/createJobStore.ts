import { errors } from '../errors/catalog.js';
import { AgeQueue } from './AgeQueue.js';
import type { JobRecord } from '../data/JobRecord.js';
import type { JobView } from './jobView.js';

/** A job made on this instance (POST /v1/videos or a remix): plain data, no timers. */
export interface CreatedJob {
  provider: string;
  /** Its place in the provider's list, after every seeded position. */
  position: number;
  record: JobRecord;
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
  clear(): void;
}

interface MutableLedger {
  created: number[];
  /** The job at each position of `created` (arrays, not a Map: a create hashes nothing). */
  jobs: CreatedJob[];
  issued: number;
  deletedSeeded: Set<number>;
}

export const defaultJobStoreLimits: JobStoreLimits = { maxCreated: 10_000, maxDeleted: 100_000 };

/**
 * Created jobs and deletions, per provider, capped. A created job lives at position
 * `seeded count + n` (the n-th created), so it sorts after every seeded job, and a cursor naming
 * it keeps its place after it is deleted.
 */
export function createJobStore(limits: JobStoreLimits = defaultJobStoreLimits): JobStore {
  let ledgers = new Map<string, MutableLedger>();
  /**
   * Every created job, oldest first, across providers: the eviction order. A deleted job stays
   * in it until eviction or a compaction passes it, so a delete costs no search here.
   */
  let byAge = new AgeQueue<CreatedJob>();
  let kept = 0;
  let deletedCount = 0;
  let generation = 0;

  const ledgerOf = (provider: string, seededCount: number): MutableLedger => {
    let ledger = ledgers.get(provider);
    if (!ledger) {
      ledger = { created: [], jobs: [], issued: seededCount, deletedSeeded: new Set() };
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
   * Forgets the oldest created jobs, 1% of the cap at a time (one splice per provider instead of
   * one per create: a front splice moves the whole array). The oldest kept job of a provider is
   * always the first of its list, so the n-th one evicted from it is its n-th job.
   */
  const evictOldest = () => {
    const batch = Math.max(1, Math.floor(limits.maxCreated / 100));
    const counts = new Map<MutableLedger, number>();
    for (let evicted = 0; evicted < batch; ) {
      const job = byAge.shift();
      if (!job) break;
      const ledger = ledgers.get(job.provider)!;
      const count = counts.get(ledger) ?? 0;
      if (ledger.jobs[count] !== job) continue; // deleted already
      counts.set(ledger, count + 1);
      evicted += 1;
    }
    for (const [ledger, count] of counts) {
      ledger.created.splice(0, count);
      ledger.jobs.splice(0, count);
      kept -= count;
    }
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
      const job: CreatedJob = { provider, position, record: make(position) };
      ledger.issued += 1;
      ledger.created.push(position);
      ledger.jobs.push(job);
      byAge.push(job);
      kept += 1;
      if (kept > limits.maxCreated) evictOldest();
      // Deleted jobs the queue still holds are dropped once they outnumber the kept ones.
      if (byAge.length > 2 * kept + 1024) byAge.retain((old) => get(old.provider, old.position) === old);
      return job;
    },
    removeCreated(provider, position) {
      const ledger = ledgers.get(provider);
      if (!ledger) return;
      const at = lowerBound(ledger.created, position);
      if (ledger.created[at] !== position) return;
      ledger.created.splice(at, 1);
      ledger.jobs.splice(at, 1);
      kept -= 1;
    },
    deleteSeeded(provider, seededCount, position) {
      const ledger = ledgerOf(provider, seededCount);
      if (ledger.deletedSeeded.has(position)) return;
      if (deletedCount >= limits.maxDeleted) throw errors.tooManyDeletions(limits.maxDeleted);
      ledger.deletedSeeded.add(position);
      deletedCount += 1;
    },
    size: () => kept,
    clear() {
      ledgers = new Map();
      byAge = new AgeQueue<CreatedJob>();
      kept = 0;
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
