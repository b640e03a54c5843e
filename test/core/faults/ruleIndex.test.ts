import type { FaultRule } from '../../../src/core/faults/FaultRule.js';
import { indexRules, visitCandidates, type RuleState } from '../../../src/core/faults/ruleIndex.js';

const states = (rules: FaultRule[]): RuleState[] => rules.map((rule, index) => ({ index, rule, matched: 0, applied: 0 }));
const visited = (rules: FaultRule[], provider: string | undefined) => {
  const seen: number[] = [];
  visitCandidates(indexRules(states(rules)), provider, (state) => {
    seen.push(state.index);
    return false;
  });
  return seen;
};

const hang = { preset: 'hang' };
const rules: FaultRule[] = [
  { match: { provider: 'azure' }, respond: hang }, // 0
  { respond: hang }, // 1: no provider condition
  { match: { provider: ['openai', 'azure', 'openai'] }, respond: hang }, // 2
  { match: { provider: 'openai', query: { limit: '5' } }, respond: hang }, // 3
  { match: { nth: 2 }, latency: 5 }, // 4
];

describe('the rule index', () => {
  test.each([
    ['openai', [1, 2, 3, 4]],
    ['azure', [0, 1, 2, 4]],
    ['gemini (no rule names it)', [1, 4]],
    ['no provider at all', [1, 4]],
  ])('a request for %s visits only the rules that can match it, in rule order', (name, expected) => {
    const provider = name.startsWith('no provider') ? undefined : name.split(' ')[0];
    expect(visited(rules, provider)).toEqual(expected);
  });

  test('a rule that lists a provider twice is visited once', () => {
    expect(visited(rules, 'openai').filter((i) => i === 2)).toHaveLength(1);
  });

  test('1,000 rules for azure cost an openai request no visit at all', () => {
    const many = Array.from({ length: 1000 }, () => ({ match: { provider: 'azure' }, respond: hang }));
    expect(visited(many, 'openai')).toEqual([]);
    expect(visited(many, 'azure')).toHaveLength(1000);
  });

  test('visiting stops at the first rule the visitor takes', () => {
    const seen: number[] = [];
    visitCandidates(indexRules(states(rules)), 'openai', (state) => {
      seen.push(state.index);
      return state.index === 2;
    });
    expect(seen).toEqual([1, 2]);
  });
});
