import type { Response } from 'express';
import { errors } from '../../core/errors/catalog.js';
import { toBifrostError, type ErrorContext } from '../../core/errors/toBifrostError.js';
import type { ValidationResult } from '../../core/openapi/compileContract.js';
import type { CompleteError } from '../../core/openapi/findErrorFields.js';
import type { MockResponse } from '../../core/pipeline/MockResponse.js';
import { toJson } from '../../core/pipeline/toJson.js';

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

/**
 * The last stage: every body is judged against the spec before it is written. A body that
 * breaks the contract is never sent; the client gets a 500 `mock_contract_violation` naming
 * the failing JSON paths instead, and the problem is logged. Returns whether the original
 * response passed.
 */
export function respond(
  res: Response,
  response: MockResponse,
  judge: Judge,
  context: ErrorContext,
  log: Log,
): boolean {
  if (judge.complete && response.status >= 400 && !Buffer.isBuffer(response.body)) {
    response = { ...response, body: judge.complete(response.status, response.body) };
  }
  const binary = Buffer.isBuffer(response.body);
  const verdict = binary
    ? judge(response.status, undefined, response.headers?.['Content-Type'] ?? 'application/octet-stream')
    : judge(response.status, response.body);
  if (verdict.valid) {
    write(res, response);
    return true;
  }
  const where = `${res.req.method} ${res.req.originalUrl}`;
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
  write(res, fallback);
  return false;
}

function write(res: Response, { status, body, headers }: MockResponse): void {
  if (Buffer.isBuffer(body)) {
    res.statusCode = status;
    if (headers) res.set(headers);
    res.setHeader('Content-Length', body.length);
    res.end(body);
    return;
  }
  res.statusCode = status;
  if (headers) res.set(headers);
  if (body === undefined) {
    res.end(); // a response the spec gives no content (204)
    return;
  }
  const text = toJson(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text); // Node drops the body of a HEAD response itself
}
