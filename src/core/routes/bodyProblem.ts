import type { BodyProblem, RequestBodyContract } from '../openapi/compileRequestBody.js';
import type { ReceivedBody } from '../pipeline/ReceivedBody.js';

/**
 * What the spec's schema for the body's own media type says is wrong with a received body, if
 * anything: a multipart body is judged by the multipart schema, not the JSON one. A file is
 * judged by its schema as a string (`format: binary`), its name standing for it.
 */
export function bodyProblem(body: ReceivedBody, contract: RequestBodyContract): BodyProblem | undefined {
  if (body.mediaType === undefined) return undefined;
  return contract.validate(body.mediaType, withFileNames(body, body.mediaType, contract));
}

function withFileNames(body: ReceivedBody, mediaType: string, contract: RequestBodyContract): unknown {
  if (!body.files) return body.value;
  const out = { ...(body.value as Record<string, unknown>) };
  const fileFields = contract.fileFields(mediaType);
  for (const file of body.files) {
    const previous = out[file.field];
    const many = fileFields.get(file.field) === 'many' || previous !== undefined;
    out[file.field] = many ? [...(Array.isArray(previous) ? previous : previous === undefined ? [] : [previous]), file.name] : file.name;
  }
  return out;
}
