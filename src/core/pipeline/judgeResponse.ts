import { errors } from '../errors/catalog.js';
import { toBifrostError, type ErrorContext } from '../errors/toBifrostError.js';
import type { ValidationResult } from '../openapi/compileContract.js';
import type { CompleteError } from '../openapi/findErrorFields.js';
import type { MockResponse } from './MockResponse.js';

/**
 * Judges a body against the spec; `contentType` is given for bodies that are not JSON. A judge
 * may also `complete` error bodies (status >= 400) first, with the fields the spec's error
 * schema adds (see findErrorFields); without it (the bundled spec) nothing more runs.
 */
export type Judge = ((status: number, body: unknown, contentType?: string) => ValidationResult) & {
  complete?: CompleteError | undefined;
};
export type Log = (line: string) => void;

/** A judge that completes error bodies with `complete` before judging them. */
export function completingErrors(judge: Judge, complete: CompleteError | undefined): Judge {
  return complete ? Object.assign(judge, { complete }) : judge;
}

/** What goes out, and whether the response the handler built passed the spec. */
export interface JudgedResponse {
  response: MockResponse;
  passed: boolean;
}

/**
 * The last stage: every body is judged against the spec before it is sent. A body that breaks
 * the contract is never sent; the client gets a 500 `mock_contract_violation` naming the
 * failing JSON paths instead, and the problem is logged (`where` names the request).
 */
export function judgeResponse(response: MockResponse, judge: Judge, context: ErrorContext, log: Log, where: string): JudgedResponse {
  const binary = response.body instanceof Uint8Array;
  if (judge.complete && response.status >= 400 && !binary) {
    response = { ...response, body: judge.complete(response.status, response.body) };
  }
  const verdict = binary
    ? judge(response.status, undefined, response.headers?.['Content-Type'] ?? 'application/octet-stream')
    : judge(response.status, response.body);
  if (verdict.valid) return { response, passed: true };
  log(`contract violation in ${response.status} response to ${where}: ${verdict.problems.join('; ')}`);
  const violation = errors.contractViolation(verdict.problems);
  const bifrost = toBifrostError(violation, context);
  // Completed too, so a spec whose error schema adds fields accepts it where it can.
  const fallback: MockResponse = { status: violation.status, body: judge.complete ? judge.complete(violation.status, bifrost) : bifrost };
  const fallbackVerdict = judge(fallback.status, fallback.body);
  if (!fallbackVerdict.valid) {
    // The spec rejects even our error shape; say so rather than hide the first problem.
    log(`the spec also rejects the mock_contract_violation body: ${fallbackVerdict.problems.join('; ')}`);
  }
  return { response: fallback, passed: false };
}
