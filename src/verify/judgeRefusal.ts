import type { CheckResult } from './CheckResult.js';
import type { TargetRequest, TargetResponse } from './createTargetClient.js';
import type { ResponseJudge } from './judgeResponse.js';

export interface ExpectedRefusal {
  /** One status, or any 4xx the spec declares for the operation. */
  status: number | '4xx';
  /** What `error.param` must name when it names anything (a body field may be named by its path: `input_reference.file_id`). */
  param?: string;
  /** False when naming no parameter is as good as naming the right one (a 404 for an unknown id). */
  paramExpected?: boolean;
}

type Verdict = Pick<CheckResult, 'status' | 'detail'>;

/**
 * A request the contract forbids must be refused with the right status and a spec-valid error.
 * The contract makes `error.param` optional: an error naming no parameter is a warning, one
 * naming the wrong parameter a failure.
 */
export function judgeRefusal(response: TargetResponse, judge: ResponseJudge, expected: ExpectedRefusal): Verdict {
  const fail = (detail: string): Verdict => ({ status: 'failed', detail });
  const wanted = expected.status === '4xx' ? 'a 4xx' : String(expected.status);
  const statusOk = expected.status === '4xx' ? response.status >= 400 && response.status < 500 : response.status === expected.status;
  if (!statusOk) return fail(`answered ${response.status || 'nothing'}, expected ${wanted}${messageOf(response)}`);
  const problem = judge(response);
  if (problem) return fail(problem);
  const body = response.json as { status_code?: unknown; error?: { param?: unknown } } | undefined;
  if (body?.status_code !== undefined && body.status_code !== response.status) return fail(`status_code ${String(body.status_code)} disagrees with the HTTP status ${response.status}`);
  const param = body?.error?.param;
  if (expected.param === undefined) return { status: 'passed', detail: `${response.status} with a spec-valid error` };
  if (param === undefined || param === null || param === '') {
    if (expected.paramExpected === false) return { status: 'passed', detail: `${response.status} with a spec-valid error` };
    return { status: 'warning', detail: `the ${response.status} names no parameter (error.param is absent), expected "${expected.param}": the contract allows it, but a client cannot tell what to fix` };
  }
  if (!namesField(String(param), expected.param)) return fail(`the error names param ${JSON.stringify(param)}, expected "${expected.param}"`);
  return { status: 'passed', detail: `${response.status} with a spec-valid error naming ${String(param)}` };
}

/** `input_reference`, `input_reference.file_id` and `input_reference[0]` all name `input_reference`. */
function namesField(param: string, field: string): boolean {
  return param === field || param.startsWith(`${field}.`) || param.startsWith(`${field}[`);
}

/**
 * Why an answer that should have succeeded did not: its status and the error's message; undefined
 * when it is a 200 (or, with `anySuccess`, any 2xx).
 */
export function unexpectedStatus(response: TargetResponse, anySuccess = false): string | undefined {
  const ok = anySuccess ? response.status >= 200 && response.status < 300 : response.status === 200;
  return ok ? undefined : `answered ${response.status || 'nothing'}, expected 200${messageOf(response)}`;
}

/** `: <error.message>` when the body has one, to say why a request was refused or not. */
export function messageOf(response: TargetResponse): string {
  const message = (response.json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? `: ${message.slice(0, 200)}` : '';
}

/** Bodies longer than this are cut in the report (a 32,001-character prompt, say). */
const MAX_SHOWN_BODY = 300;

/** The request as the report shows it, to replay: method, URL, and what was sent besides. */
export function requestOf(response: TargetResponse, sent: Pick<TargetRequest, 'json' | 'form' | 'headers' | 'auth'> = {}): string {
  const extras = [
    ...Object.entries(sent.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'accept').map(([name, value]) => `${name}: ${value}`),
    ...(sent.auth === false ? ['(no credentials)'] : sent.auth === 'invalid' ? ['(an invalid key)'] : []),
    ...(sent.json !== undefined ? [`JSON ${cut(JSON.stringify(sent.json))}`] : []),
    ...(sent.form !== undefined ? [`multipart ${cut(JSON.stringify(sent.form))}`] : []),
  ];
  return [`${response.method} ${response.url}`, ...extras].join(' ');
}

function cut(text: string): string {
  return text.length > MAX_SHOWN_BODY ? `${text.slice(0, MAX_SHOWN_BODY)}... (${text.length} characters)` : text;
}

/** A check from a verdict: the request is kept when it failed or warned, so it can be replayed. */
export function toCheck(name: string, scope: string | undefined, response: TargetResponse | undefined, verdict: Verdict, sent?: Pick<TargetRequest, 'json' | 'form' | 'headers' | 'auth'>): CheckResult {
  return {
    name,
    ...(scope !== undefined && { scope }),
    ...verdict,
    ...(response && verdict.status !== 'passed' && verdict.status !== 'skipped' && { request: requestOf(response, sent) }),
    ...(response && { durationMs: response.durationMs }),
  };
}
