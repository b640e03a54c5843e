import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { REQUEST_TYPES } from '../data/providerCatalog.js';
import { declaredStatuses, type DeclaredStatuses } from '../openapi/declaredStatuses.js';
import { faultRuleSchema, type FaultRule } from './FaultRule.js';
import { isErrorPreset, isPresetName, presetNames } from './presets.js';
import { refusedResponseHeader } from './responseHeaders.js';

/**
 * The most rules in force at once. Every request walks the rules that can match its provider,
 * so the cap bounds the work and memory a scenario or the admin API can add.
 */
export const MAX_RULES = 1000;

/** A refused rule set; the message names the rule index and the field. */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

/**
 * Compiled on the first rule: most servers start without any. Our own schema is not checked
 * against the JSON Schema meta-schema here (that compile would double the cost); a test does.
 */
let validateRule: ValidateFunction<FaultRule> | undefined;
const ruleValidator = () => (validateRule ??= new Ajv2020({ allErrors: false, validateSchema: false }).compile<FaultRule>(faultRuleSchema));

/** Error statuses a custom rule may answer with: plain codes, or as the spec declares them. */
export type RuleStatuses = readonly number[] | DeclaredStatuses;

/**
 * Checks a list of rules (or `{ rules: [...] }`) and returns them. `statuses` are the error
 * statuses the spec declares (for any operation): a custom status outside them is refused,
 * because no operation could send it within the contract.
 */
export function parseRules(input: unknown, statuses: RuleStatuses): FaultRule[] {
  if (input === undefined) throw new RuleError('no rules were sent (expected a list of rules or {"rules": [...]})');
  const list =
    input !== null && typeof input === 'object' && !Array.isArray(input) && 'rules' in input
      ? (input as { rules: unknown }).rules
      : input;
  // `null` is refused, not read as "no rules": `{"rules": null}` must not clear everything.
  // (An empty scenario file is the file loader's business.)
  if (!Array.isArray(list)) throw new RuleError('expected a list of rules (or an object with "rules")');
  if (list.length > MAX_RULES) {
    throw new RuleError(`${list.length} rules: at most ${MAX_RULES} may be in force`);
  }
  return list.map((rule, index) => parseRule(rule, statuses, index));
}

export function parseRule(input: unknown, statuses: RuleStatuses, index = 0): FaultRule {
  const at = `rule ${index}`;
  const validate = ruleValidator();
  if (!validate(input)) {
    throw new RuleError(`${at}: ${explain(validate.errors?.[0])}`);
  }
  const rule = input;
  if (rule.name !== undefined && UNUSABLE_NAMES.includes(rule.name)) {
    throw new RuleError(`${at}: name: ${JSON.stringify(rule.name)} cannot name a rule in a URL (DELETE /__mock/faults/{name}), even encoded; choose another name`);
  }
  if (rule.respond === undefined && rule.latency === undefined && rule.job === undefined) {
    throw new RuleError(`${at}: needs "respond", "latency" or "job"`);
  }
  if (rule.respond && 'preset' in rule.respond && !isPresetName(rule.respond.preset)) {
    throw new RuleError(
      `${at}: respond.preset: unknown preset "${rule.respond.preset}" (known: ${presetNames.join(', ')})`,
    );
  }
  if (rule.respond && 'preset' in rule.respond && rule.respond.headers !== undefined && !isErrorPreset(rule.respond.preset)) {
    throw new RuleError(`${at}: respond.headers: only presets that answer with an HTTP error take headers ("${rule.respond.preset}" does not)`);
  }
  const declared = 'has' in statuses ? statuses : declaredStatuses(statuses);
  if (rule.respond && 'status' in rule.respond && !declared.has(rule.respond.status)) {
    throw new RuleError(
      `${at}: respond.status: ${rule.respond.status} is not declared by the spec for any operation (declared: ${declared.listed.join(', ')})`,
    );
  }
  checkOperations(rule, declared.operations, at);
  const headers = rule.respond?.headers;
  for (const name of Object.keys(headers ?? {})) {
    const refused = refusedResponseHeader(name);
    if (refused) throw new RuleError(`${at}: respond.headers.${name}: ${refused}`);
  }
  if (typeof rule.latency === 'object' && rule.latency.min > rule.latency.max) {
    throw new RuleError(`${at}: latency: min ${rule.latency.min} is greater than max ${rule.latency.max}`);
  }
  return rule;
}

/**
 * Names a URL cannot carry as a path segment: browsers and servers resolve `.` and `..` away
 * (and an empty name leaves `DELETE /__mock/faults/`), so such a rule could never be removed alone.
 */
const UNUSABLE_NAMES = ['', '.', '..'];

/** Request types of the create and remix operations: the only ones a rule's `job` acts on. */
const JOB_MAKERS = ['createVideo', 'remixVideo', 'video_generation', 'video_remix'];

/**
 * A misspelt `match.operation` would never match, silently switching a scenario off: names
 * must be an operationId of the spec or a request type. A `job` needs an operation that makes jobs.
 */
function checkOperations(rule: FaultRule, operations: ReadonlySet<string> | undefined, at: string): void {
  const named = rule.match?.operation === undefined ? undefined : [rule.match.operation].flat();
  if (named && operations) {
    const unknown = named.find((name) => !operations.has(name) && !(REQUEST_TYPES as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw new RuleError(
        `${at}: match.operation: "${unknown}" is neither an operationId of the spec (${[...operations].join(', ')}) nor a request type (${REQUEST_TYPES.join(', ')})`,
      );
    }
  }
  if (rule.job && named && !named.some((name) => JOB_MAKERS.includes(name))) {
    throw new RuleError(`${at}: job: only creates and remixes make jobs, and match.operation names neither (createVideo, remixVideo, video_generation, video_remix)`);
  }
}

function explain(error: ErrorObject | undefined): string {
  if (!error) return 'is not valid';
  const field = error.instancePath.slice(1).replace(/\//g, '.') || '(rule)';
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params['additionalProperty']);
    return `${field === '(rule)' ? extra : `${field}.${extra}`}: unknown field`;
  }
  if (error.keyword === 'enum') {
    return `${field}: must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
  }
  if (error.keyword === 'required' && field === 'respond') {
    return 'respond: needs "preset" or "status"';
  }
  return `${field}: ${error.message ?? error.keyword}`;
}
