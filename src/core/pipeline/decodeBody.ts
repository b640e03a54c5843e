import type { RequestBodyContract } from '../openapi/compileRequestBody.js';
import { maxBodyBytes, tooLargeReason } from './bodyLimits.js';
import { matchMediaType } from './matchMediaType.js';
import { decodeMultipart } from './decodeMultipart.js';
import type { MockRequest } from './MockExchange.js';
import type { ReceivedBody } from './ReceivedBody.js';

const utf8 = new TextDecoder();

/**
 * The one body reader, for every operation with a request body: decodes the bytes by the media
 * types the spec declares (JSON, multipart with the file fields its schema names, url-encoded
 * forms, text) within BODY_LIMITS. Nothing is thrown: a failure is kept in the result, so auth
 * and faults still come first and every refusal goes out through the one error path. Only a
 * multipart body is decoded asynchronously (by the platform's FormData parser).
 */
export function decodeBody(request: MockRequest, contract: RequestBodyContract): ReceivedBody | Promise<ReceivedBody> {
  const { body, bodyProblem } = request;
  if (bodyProblem === undefined && (body === undefined || body.byteLength === 0)) return {}; // no body at all
  const contentType = request.header('content-type');
  const mediaType = matchMediaType(contentType, contract.mediaTypes);
  if (!mediaType) return { failure: { kind: 'mediaType', given: contentType ?? '' } };
  if (bodyProblem !== undefined) return { failure: bodyProblem };
  const bytes = body!;
  if (bytes.byteLength > maxBodyBytes(mediaType)) return { failure: { kind: 'tooLarge', reason: tooLargeReason(mediaType) } };
  if (mediaType.startsWith('multipart/')) return decodeMultipart(bytes, contentType!, mediaType, contract);
  const text = utf8.decode(bytes);
  if (/json/.test(mediaType)) {
    try {
      return valueOf(mediaType, JSON.parse(text) as unknown);
    } catch (error) {
      // A RangeError is a body nested too deep to parse: say that, not "invalid JSON".
      const reason = error instanceof RangeError ? 'nested too deeply' : (error as Error).message;
      return { failure: { kind: 'unreadable', reason } };
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields = Object.create(null) as Record<string, string[]>; // a field may be named __proto__
    for (const [name, value] of new URLSearchParams(text)) (fields[name] ??= []).push(value);
    const problem = contract.formProblem(mediaType, fields);
    if (problem) return { failure: { kind: 'badField', ...problem } };
    return valueOf(mediaType, contract.fromForm(mediaType, fields));
  }
  return valueOf(mediaType, text);
}

function valueOf(mediaType: string, value: unknown): ReceivedBody {
  return value === undefined ? {} : { mediaType, value };
}
