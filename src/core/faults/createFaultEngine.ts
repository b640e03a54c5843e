import { MockError } from '../errors/MockError.js';
import { declaredStatuses, type DeclaredStatuses } from '../openapi/declaredStatuses.js';
import type { JobDirective } from '../jobs/createJobWorld.js';
import { parseOutcome } from '../jobs/parseOutcome.js';
import type { FaultRule, Latency } from './FaultRule.js';
import { passesCount, passesFilters, type FaultRequest } from './matchRule.js';
import { MAX_RULES, parseRule, parseRules, RuleError } from './parseRules.js';
import { presetEffect, presetForStatus, presetNames, type FaultEffect } from './presets.js';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import { indexRules, visitCandidates, type RuleIndex, type RuleState } from './ruleIndex.js';

export type { RuleState } from './ruleIndex.js';

/** A rule as the admin API reports it: its counters, and whether its `times` are used up. */
export interface RuleReport extends RuleState {
  /** Applied its `times` already: it matches nothing more, until removed or reset. */
  spent: boolean;
}

export interface FaultDecision {
  /** Which fault applied, for the journal: a preset, `rule <i>` or a rule's name. */
  name?: string;
  effect?: FaultEffect;
  latencyMs: number;
  /** What the rule asks of a job the request creates. */
  job?: JobDirective;
}

export interface FaultEngineOptions {
  rules: FaultRule[];
  seed: number;
  /** Delay added to every response. */
  latency?: Latency;
  /**
   * Error statuses some operation of the spec declares: a custom rule's status must be one of
   * them (each request then checks its own operation's, see FaultRequest.declared).
   */
  statuses: readonly number[] | DeclaredStatuses;
}

export interface FaultEngine {
  rules(): RuleReport[];
  /** How many rules are in force. */
  count(): number;
  /** Replace every rule; throws RuleError and keeps the old rules if any is invalid. */
  replace(input: unknown): void;
  /** Adds a rule at the end and returns it; throws RuleError past MAX_RULES. */
  add(input: unknown): RuleReport;
  /** Adds rules at the end, all or none: a RuleError (naming the rule's index) adds nothing. */
  append(inputs: readonly unknown[]): RuleReport[];
  /** Removes the rule with this name (unnamed rules answer to `rule <index>`); returns it, or undefined. */
  remove(name: string): RuleReport | undefined;
  /** Removes the spent rules (see RuleReport.spent) and returns them; the others keep their counters. */
  removeSpent(): RuleReport[];
  clear(): void;
  /** Back to the startup rules, with counters and the random sequence restarted. */
  reset(): void;
  decide(request: FaultRequest): FaultDecision;
  /** The statuses rules added from now on are checked against (a reloaded spec's); rules in force stay. */
  checkStatusesAgainst(statuses: readonly number[] | DeclaredStatuses): void;
}

/**
 * Picks the fault for a request: the `X-Mock-Fault` header, then `Prefer: code=`, then the
 * first matching rule. Pure but for its counters and seeded random sequence.
 */
export function createFaultEngine(options: FaultEngineOptions): FaultEngine {
  const asDeclared = (given: readonly number[] | DeclaredStatuses) => ('has' in given ? given : declaredStatuses(given));
  let statuses = asDeclared(options.statuses);
  let states: RuleState[] = [];
  let index: RuleIndex = indexRules(states);
  const randomizer = createSeededRandomizer(options.seed);
  const random = () => randomizer.next();
  const install = (rules: FaultRule[]) => {
    states = rules.map((rule, i) => ({ index: i, rule, matched: 0, applied: 0 }));
    index = indexRules(states);
  };
  install(options.rules);
  /** Keeps the rules that pass; those after a removed one move up with their counters (indexes stay positions). */
  const keep = (passes: (state: RuleState, i: number) => boolean) => {
    states = states.filter(passes).map((s, i) => ({ ...s, index: i }));
    index = indexRules(states);
  };

  const delay = (latency: Latency | undefined): number => {
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + Math.floor(random() * (latency.max - latency.min + 1));
  };

  const fromRule = (state: RuleState, request: FaultRequest): FaultDecision => {
    const { rule } = state;
    const name = ruleName(state);
    let effect: FaultEffect | undefined;
    if (rule.respond && 'preset' in rule.respond) {
      effect = withHeaders(presetEffect(rule.respond.preset, { provider: request.provider, requestType: request.requestType }), rule.respond.headers);
    } else if (rule.respond) {
      const r = rule.respond;
      effect = {
        kind: 'error',
        error: new MockError(
          r.status,
          {
            message: r.message ?? `mock fault: HTTP ${r.status}`,
            ...(r.type !== undefined && { type: r.type }),
            ...(r.code !== undefined && { code: r.code }),
            ...(r.param !== undefined && { param: r.param }),
            ...(r.is_bifrost_error !== undefined && { isBifrostError: r.is_bifrost_error }),
          },
          r.headers,
        ),
      };
    }
    const job = rule.job && {
      ...(rule.job.outcome !== undefined && { outcome: parseOutcome(rule.job.outcome)! }),
      ...(rule.job.renderSeconds !== undefined && { renderSeconds: rule.job.renderSeconds }),
    };
    return { name, ...(effect && { effect }), latencyMs: delay(rule.latency), ...(job && { job }) };
  };

  const fromHeaders = (request: FaultRequest): FaultDecision | undefined => {
    const asked = request.header('x-mock-fault')?.trim();
    if (asked) {
      const effect = presetEffect(asked, { provider: request.provider, requestType: request.requestType });
      if (!effect) {
        return refuse('X-Mock-Fault', `unknown preset "${asked}" (known: ${presetNames.join(', ')})`);
      }
      if (fromProvider(effect) && request.passedGateway?.() === false) return undefined;
      return { name: asked, effect, latencyMs: 0 };
    }
    const prefer = /(?:^|[;,\s])code=(\d{3})\b/.exec(request.header('prefer') ?? '')?.[1];
    if (prefer) {
      const status = Number(prefer);
      const { declared } = request;
      if (!declared.has(status)) {
        const operation = request.operation ?? 'this operation';
        return refuse('Prefer', `status ${status} is not declared by the spec for ${operation} (declared: ${declared.listed.join(', ') || 'none'})`);
      }
      // A success or redirect the operation declares asks for the normal response.
      if (status < 400) return undefined;
      const effect = preferredError(status, request);
      if (fromProvider(effect) && request.passedGateway?.() === false) return undefined;
      return { name: `prefer ${status}`, effect, latencyMs: 0 };
    }
    return undefined;
  };

  /** Parses and adds rules after those in force; none is added unless all fit under MAX_RULES. */
  const append = (inputs: readonly unknown[]): RuleReport[] => {
    const rules = inputs.map((input, i) => parseRule(input, statuses, states.length + i));
    if (states.length + rules.length > MAX_RULES) {
      const why = rules.length === 1 ? `${MAX_RULES} rules are in force already, the most allowed` : `${rules.length} more rules would pass the ${MAX_RULES} allowed (${states.length} are in force)`;
      throw new RuleError(`rule ${states.length}: ${why}`);
    }
    const added = rules.map((rule, i) => ({ index: states.length + i, rule, matched: 0, applied: 0 }));
    states = [...states, ...added];
    index = indexRules(states);
    return added.map(report);
  };

  return {
    rules: () => states.map(report),
    count: () => states.length,
    replace(input) {
      install(parseRules(input, statuses));
    },
    add(input) {
      return append([input])[0]!;
    },
    append,
    remove(name) {
      const at = states.findIndex((s) => ruleName(s) === name);
      if (at === -1) return undefined;
      const removed = report(states[at]!);
      keep((_, i) => i !== at);
      return removed;
    },
    removeSpent() {
      const removed = states.filter(isSpent).map(report);
      if (removed.length > 0) keep((s) => !isSpent(s));
      return removed;
    },
    clear() {
      install([]);
    },
    reset() {
      install(options.rules);
      randomizer.seed(options.seed);
    },
    checkStatusesAgainst(next) {
      statuses = asDeclared(next);
    },
    decide(request) {
      const base = delay(options.latency);
      const asked = fromHeaders(request);
      if (asked) return { ...asked, latencyMs: asked.latencyMs + base };
      if (states.length === 0) return { latencyMs: base };
      let picked: FaultDecision | undefined;
      visitCandidates(index, request.provider, (state) => {
        const { rule } = state;
        if (isSpent(state)) return false;
        if (!passesFilters(rule.match, request)) return false;
        // The provider never sees a request the gateway refuses: its faults wait for one it accepts.
        if (ruleFromProvider(rule) && request.passedGateway?.() === false) return false;
        // A custom status is sent only where the operation declares it (presets go anywhere).
        if (rule.respond && 'status' in rule.respond && !request.declared.has(rule.respond.status)) return false;
        state.matched += 1;
        if (!passesCount(rule.match, state.matched)) return false;
        if (rule.match?.probability !== undefined && random() >= rule.match.probability) return false;
        state.applied += 1;
        picked = fromRule(state, request);
        return true;
      });
      if (picked) return { ...picked, latencyMs: picked.latencyMs + base };
      return { latencyMs: base };
    },
  };
}

/** An error passed through from the provider (`is_bifrost_error: false`), not the gateway's own. */
function fromProvider(effect: FaultEffect | undefined): boolean {
  return effect?.kind === 'error' && effect.error.detail.isBifrostError === false;
}

const providerRules = new WeakMap<FaultRule, boolean>();

/**
 * Whether a rule answers with the provider's error: a provider preset, or `is_bifrost_error:
 * false`. Worked out once per rule (a preset's answer is an error built to be read).
 */
function ruleFromProvider(rule: FaultRule): boolean {
  let known = providerRules.get(rule);
  if (known === undefined) {
    const { respond } = rule;
    known = !respond ? false : 'preset' in respond ? fromProvider(presetEffect(respond.preset, {})) : respond.is_bifrost_error === false;
    providerRules.set(rule, known);
  }
  return known;
}

function isSpent({ rule, applied }: RuleState): boolean {
  return rule.times !== undefined && applied >= rule.times;
}

function report(state: RuleState): RuleReport {
  return { ...state, spent: isSpent(state) };
}

/** A rule's name as the journal shows it. */
function ruleName({ rule, index }: RuleState): string {
  return rule.name ?? `rule ${index}`;
}

/** A preset's error with a rule's extra headers on top of the preset's own. */
function withHeaders(effect: FaultEffect | undefined, headers: Record<string, string> | undefined): FaultEffect | undefined {
  if (effect?.kind !== 'error' || headers === undefined) return effect;
  const { status, detail } = effect.error;
  return { kind: 'error', error: new MockError(status, detail, { ...effect.error.headers, ...headers }) };
}

/**
 * The error `Prefer: code=` asks for: the preset of that status (Prism's convention), or a plain
 * BifrostError with it. (The HTTP layer answers the spec's own body instead when the operation
 * gives that status a body a BifrostError does not fit.)
 */
function preferredError(status: number, request: FaultRequest): FaultEffect {
  const preset = presetForStatus(status);
  const effect = preset && presetEffect(preset, { provider: request.provider, requestType: request.requestType });
  if (effect) return effect;
  return { kind: 'error', error: new MockError(status, { message: `mock fault: HTTP ${status} (Prefer: code=${status})` }) };
}

function refuse(header: string, reason: string): FaultDecision {
  return {
    name: `invalid ${header}`,
    effect: {
      kind: 'error',
      error: new MockError(400, {
        message: `invalid ${header} header: ${reason}`,
        type: 'invalid_request_error',
        param: header,
      }),
    },
    latencyMs: 0,
  };
}
