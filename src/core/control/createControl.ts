import type { ClockMode } from '../clock/createClock.js';
import { advanceClock, setClock } from '../clock/clockMoves.js';
import type { FaultEngine, RuleState } from '../faults/createFaultEngine.js';
import type { FaultRule, Latency, RuleMatch } from '../faults/FaultRule.js';
import { presetCatalog, type PresetInfo } from '../faults/presetCatalog.js';
import { RuleError } from '../faults/parseRules.js';
import { optionNamesProblem } from '../settings/checkOptionNames.js';
import type { JobWorld } from '../jobs/createJobWorld.js';
import { describeJournalEntry, type JournalEntryView } from '../journal/describeJournalEntry.js';
import type { JournalEntry, JournalEvent, RequestJournal } from '../journal/requestJournal.js';

/** How a preset applied through `faults.apply('rate_limited', options)` is narrowed. */
export interface PresetOptions {
  /** Default: the preset's name, so `faults.remove('rate_limited')` takes it off again. */
  name?: string;
  match?: RuleMatch;
  /** Apply at most this many times, then the rule is spent. */
  times?: number;
  /** Added to the preset's own headers. */
  headers?: Record<string, string>;
  latency?: Latency;
}

const presetOptionNames = Object.keys({ name: 1, match: 1, times: 1, headers: 1, latency: 1 } satisfies Record<keyof PresetOptions, 1>);

/**
 * The admin API's powers as plain functions, for hosts without an admin API of their own (a
 * fetch handler, MSW): what `/__mock/clock`, `/__mock/faults`, `/__mock/reset` and
 * `/__mock/requests` do. Refused changes throw (a ClockError, a RuleError naming the rule and
 * field) and change nothing.
 */
export interface MockControl {
  readonly clock: {
    /** The mock's time (what `created_at` and every job's progress are read against). */
    now(): Date;
    /** Moves time forward by `seconds` (>= 0): jobs progress as if that time had passed. Returns the new time. */
    advance(seconds: number): Date;
    /** Moves time to an instant (a Date, unix seconds, or ISO 8601), never backwards. Returns it. */
    set(instant: Date | number | string): Date;
    readonly mode: ClockMode;
    readonly renderSpeed: number;
  };
  readonly faults: {
    /**
     * Adds rules at the end (first match wins): a preset by name (`'rate_limited'`, `'hang'`,
     * `'slow:500'`), one rule, or several, all or none. Returns the rules added.
     */
    apply(what: string | FaultRule | readonly FaultRule[], options?: PresetOptions): RuleState[];
    /** Replaces every rule. */
    replace(rules: readonly FaultRule[]): RuleState[];
    /** Removes the rule of this name (an unnamed one is `rule <index>`); undefined when none has it. */
    remove(name: string): RuleState | undefined;
    clear(): void;
    /** The rules in force, with how often each matched and applied. */
    list(): RuleState[];
    /** Every preset: its name, status and what it imitates. */
    presets(): PresetInfo[];
  };
  /** Back to the start: the startup rules and counters, no created or deleted jobs, the clock at its start, an empty journal. */
  reset(): void;
  readonly journal: {
    /** The requests answered so far, oldest first. */
    entries(): JournalEntry[];
    /** One request in full (headers with keys masked, the response body); kept for the newest requests only. */
    detail(id: number): JournalEntryView | undefined;
    clear(): void;
    /** Called for each request as it finishes, and on every clear; returns the unsubscribe function. */
    subscribe(listener: (event: JournalEvent) => void): () => void;
  };
}

/** What the control acts on: read on every call, so a host that swaps its runtime is followed. */
export interface ControlParts {
  world: () => JobWorld;
  faults: () => FaultEngine;
  journal: RequestJournal;
}

export function createControl({ world, faults, journal }: ControlParts): MockControl {
  const clock = () => world().clock;
  const now = () => new Date(clock().now());
  return {
    clock: {
      now,
      advance(seconds) {
        advanceClock(clock(), seconds);
        return now();
      },
      set(instant) {
        setClock(clock(), instant, 'a Date, an ISO 8601 time or unix seconds');
        return now();
      },
      get mode() {
        return clock().mode;
      },
      get renderSpeed() {
        return world().renderSpeed;
      },
    },
    faults: {
      apply(what, options = {}) {
        if (typeof what === 'string') {
          // A typo (`tims: 1`) would otherwise apply a rule that never runs out.
          const problem = optionNamesProblem(options, presetOptionNames);
          if (problem) throw new RuleError(`faults.apply(${JSON.stringify(what)}): ${problem}`);
          return faults().append([presetRule(what, options)]);
        }
        return faults().append(Array.isArray(what) ? what : [what]);
      },
      replace(rules) {
        faults().replace(rules);
        return faults().rules();
      },
      remove: (name) => faults().remove(name),
      clear: () => faults().clear(),
      list: () => faults().rules(),
      presets: () => presetCatalog(),
    },
    reset() {
      faults().reset();
      journal.clear();
      world().reset();
    },
    journal: {
      entries: () => journal.entries(),
      detail(id) {
        const found = journal.detail(id);
        return found && describeJournalEntry(found.entry, found.detail);
      },
      clear: () => journal.clear(),
      subscribe: (listener) => journal.subscribe(listener),
    },
  };
}

function presetRule(preset: string, { name = preset, match, times, headers, latency }: PresetOptions): FaultRule {
  return {
    name,
    ...(match && { match }),
    ...(times !== undefined && { times }),
    ...(latency !== undefined && { latency }),
    respond: { preset, ...(headers && { headers }) },
  };
}
