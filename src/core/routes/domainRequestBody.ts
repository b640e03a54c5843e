import { errors } from '../errors/catalog.js';
import type { RequestBodyContract } from '../openapi/compileRequestBody.js';
import type { ReceivedBody } from '../pipeline/ReceivedBody.js';
import { bodyProblem } from './bodyProblem.js';
import type { RequestBody } from './HandlerInput.js';

/**
 * A received body as the gateway's own routes (create, remix) take it: a JSON object or the
 * multipart text fields, the one file a create may carry, and what the spec's schema for its
 * media type finds wrong with it (the route reports that after the gateway's own checks).
 * Refusals are the gateway's: a 400 `invalid request body` naming what to send, a 413 past a cap.
 */
export function domainRequestBody(body: ReceivedBody, contract: RequestBodyContract): RequestBody | undefined {
  const accepted = contract.mediaTypes.join(' or ');
  const { failure } = body;
  switch (failure?.kind) {
    case 'mediaType':
      throw errors.invalidBody(`send the body as ${accepted} (got ${failure.given || 'no Content-Type'})`, 'Content-Type');
    case 'tooLarge':
      throw errors.bodyTooLarge(failure.reason);
    case 'badField':
      throw errors.invalidField(failure.field, failure.reason);
    case 'unreadable':
      throw errors.invalidBody(`not valid JSON or multipart (${failure.reason})`, 'body');
    case undefined:
      break;
  }
  if (body.mediaType === undefined) {
    if (!contract.required) return undefined;
    throw errors.invalidBody(`send the body as ${accepted} (no body was sent)`, 'body');
  }
  const { value } = body;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw errors.invalidBody('expected a JSON object', 'body');
  const file = body.files?.[0];
  const problem = bodyProblem(body, contract);
  return {
    fields: { ...(value as Record<string, unknown>) },
    ...(file && { file: { bytes: file.bytes, mimetype: file.mimetype } }),
    ...(problem && { problem }),
  };
}
