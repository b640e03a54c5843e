/** One rule of a scenario: when it matches a request, it changes the response. */
export interface FaultRule {
  name?: string;
  match?: RuleMatch;
  /** Apply at most this many times, then the rule is spent. */
  times?: number;
  respond?: PresetResponse | CustomResponse;
  /** Extra delay before the response: fixed ms, or uniform in [min, max]. */
  latency?: Latency;
  /** How a job this request creates (create or remix) ends, and how long it takes. */
  job?: JobRule;
}

export interface JobRule {
  /** `completed`, `failed` or `failed:<code>`. */
  outcome?: string;
  /** Seconds from creation to the end (no queue wait, no --render-speed). */
  renderSeconds?: number;
}

/** Whose requests a rule matches: apps' (the default), the console's own, or both. */
export type RuleSource = 'app' | 'console' | 'any';

export interface RuleMatch {
  /**
   * `app` (the default): every request but the console's own, so browsing the console never
   * uses up a rule meant for the app; `console`: only the console's; `any`: both.
   */
  source?: RuleSource;
  provider?: string | string[];
  /** An operationId (`createVideo`) or a request type (`video_generation`), or a list of them. */
  operation?: string | string[];
  /** Query values that must be present, exactly. */
  query?: Record<string, string>;
  /** Header values that must be present, exactly (names are case-insensitive). */
  headers?: Record<string, string>;
  /** Counted over the requests that pass the filters above (1 = the first of them). */
  nth?: number;
  every?: number;
  first?: number;
  /** Only requests after the first N (the N+1-th on). */
  after?: number;
  probability?: number;
}

export interface PresetResponse {
  preset: string;
  /** Added to the preset's own headers (e.g. a longer `Retry-After` on a 503). */
  headers?: Record<string, string>;
}

export interface CustomResponse {
  status: number;
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  is_bifrost_error?: boolean;
  headers?: Record<string, string>;
}

export type Latency = number | { min: number; max: number };

/** The longest delay any fault, rule or --latency may ask for: 10 minutes. */
export const MAX_LATENCY_MS = 600_000;

/** Header names are RFC 9110 tokens; values are what Node can send (tab, printable latin-1). */
const headerMap = {
  type: 'object',
  propertyNames: { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
  additionalProperties: { type: 'string', pattern: '^[\\t\\u0020-\\u007e\\u0080-\\u00ff]*$' },
} as const;

export const faultRuleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    match: {
      type: 'object',
      additionalProperties: false,
      properties: {
        source: { enum: ['app', 'console', 'any'] },
        provider: {
          if: { type: 'array' },
          then: { type: 'array', items: { type: 'string' }, minItems: 1 },
          else: { type: 'string' },
        },
        operation: {
          if: { type: 'array' },
          then: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          else: { type: 'string', minLength: 1 },
        },
        query: { type: 'object', additionalProperties: { type: 'string' } },
        headers: headerMap,
        nth: { type: 'integer', minimum: 1 },
        every: { type: 'integer', minimum: 1 },
        first: { type: 'integer', minimum: 1 },
        after: { type: 'integer', minimum: 0 },
        probability: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    times: { type: 'integer', minimum: 1 },
    // if/then/else rather than oneOf, so ajv reports the error of the branch the user meant.
    respond: {
      type: 'object',
      if: { required: ['preset'] },
      then: {
        type: 'object',
        additionalProperties: false,
        properties: { preset: { type: 'string' }, headers: headerMap },
      },
      else: {
        type: 'object',
        additionalProperties: false,
        required: ['status'],
        properties: {
          status: { type: 'integer', minimum: 400, maximum: 599 },
          message: { type: 'string', minLength: 1 },
          type: { type: 'string' },
          code: { type: 'string' },
          param: { type: 'string' },
          is_bifrost_error: { type: 'boolean' },
          headers: headerMap,
        },
      },
    },
    job: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        outcome: { type: 'string', pattern: '^(completed|failed(:[a-z0-9_]{1,64})?)$' },
        renderSeconds: { type: 'number', minimum: 0, maximum: 86_400 },
      },
    },
    latency: {
      if: { type: 'object' },
      then: {
        type: 'object',
        additionalProperties: false,
        required: ['min', 'max'],
        properties: {
          min: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS },
          max: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS },
        },
      },
      else: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS },
    },
  },
} as const;
