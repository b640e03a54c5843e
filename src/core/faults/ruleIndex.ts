import type { FaultRule } from './FaultRule.js';

export interface RuleState {
  index: number;
  rule: FaultRule;
  /** Requests that passed the rule's filters. */
  matched: number;
  /** Times the rule was applied. */
  applied: number;
}

/**
 * The rules grouped by what a request must have for them to match, so a request never looks
 * at rules that cannot match it: 1,000 rules for azure cost an openai request nothing. Keyed by
 * provider now; a rule with no provider condition is in `any`. Each list keeps rule order.
 */
export interface RuleIndex {
  byProvider: ReadonlyMap<string, readonly RuleState[]>;
  any: readonly RuleState[];
}

const none: readonly RuleState[] = [];

export function indexRules(states: readonly RuleState[]): RuleIndex {
  const byProvider = new Map<string, RuleState[]>();
  const any: RuleState[] = [];
  for (const state of states) {
    const provider = state.rule.match?.provider;
    if (provider === undefined) {
      any.push(state);
      continue;
    }
    // A name listed twice in one rule still files the rule once.
    for (const name of new Set(Array.isArray(provider) ? provider : [provider])) {
      let list = byProvider.get(name);
      if (!list) byProvider.set(name, (list = []));
      list.push(state);
    }
  }
  return { byProvider, any };
}

/**
 * Calls `visit` on the rules that can match a request for `provider`, in rule order, until it
 * returns true. Walks two sorted lists side by side: nothing is allocated per request.
 */
export function visitCandidates(index: RuleIndex, provider: string | undefined, visit: (state: RuleState) => boolean): void {
  const specific = (provider !== undefined && index.byProvider.get(provider)) || none;
  const { any } = index;
  let i = 0;
  let j = 0;
  while (i < specific.length || j < any.length) {
    const a = specific[i];
    const b = any[j];
    let state: RuleState;
    if (a !== undefined && (b === undefined || a.index < b.index)) {
      state = a;
      i += 1;
    } else {
      state = b!;
      j += 1;
    }
    if (visit(state)) return;
  }
}
