import type { RequestBodyContract } from '../openapi/compileRequestBody.js';
import { BODY_LIMITS, limitsText } from './bodyLimits.js';
import type { BodyFailure, ReceivedBody, UploadedFile } from './ReceivedBody.js';

const MB = 1024 * 1024;

/**
 * A multipart body, parsed by the platform's own FormData reader (Node's undici, or the
 * browser's), then held to BODY_LIMITS part by part in the order the parts came, as a streaming
 * reader would: text fields and files each within their caps, files only in the fields the
 * schema makes files (one each, unless an array), every part named. A field's name is only ever
 * a key: `metadata[key]` is a field of that name, never a path into an object.
 */
export async function decodeMultipart(bytes: Uint8Array, contentType: string, mediaType: string, contract: RequestBodyContract): Promise<ReceivedBody> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { failure: { kind: 'unreadable', reason: 'not a readable multipart body (every part needs a Content-Disposition with a name, and the body its closing boundary)' } };
  }
  const fileFields = contract.fileFields(mediaType);
  const fields = Object.create(null) as Record<string, string[]>; // a field may be named __proto__
  const files: UploadedFile[] = [];
  const filesIn = new Map<string, number>();
  let fieldCount = 0;
  for (const [name, value] of form) {
    if (name === '') return { failure: { kind: 'unreadable', reason: 'a part has an empty name' } };
    const failure = typeof value === 'string' ? checkField(name, value, ++fieldCount) : checkFile(name, value, files.length + 1, filesIn, fileFields);
    if (failure) return { failure };
    if (typeof value === 'string') (fields[name] ??= []).push(value);
    else {
      filesIn.set(name, (filesIn.get(name) ?? 0) + 1);
      files.push({ field: name, name: value.name || 'file', bytes: new Uint8Array(await value.arrayBuffer()), mimetype: value.type || 'application/octet-stream' });
    }
  }
  const problem = contract.formProblem(mediaType, fields);
  if (problem) return { failure: { kind: 'badField', ...problem } };
  return { mediaType, value: contract.fromForm(mediaType, fields), ...(files.length > 0 && { files }) };
}

function checkField(name: string, value: string, count: number): BodyFailure | undefined {
  if (count > BODY_LIMITS.fields) return { kind: 'tooLarge', reason: `too many fields (${limitsText()})` };
  // Measured in UTF-8 bytes, as the cap is written.
  if (value.length > BODY_LIMITS.fieldBytes / 3 && new TextEncoder().encode(value).byteLength > BODY_LIMITS.fieldBytes) {
    return { kind: 'tooLarge', reason: `field ${name} is over ${BODY_LIMITS.fieldBytes} bytes (${BODY_LIMITS.fieldBytes / 1024} KB)` };
  }
  return undefined;
}

function checkFile(name: string, file: File, count: number, filesIn: ReadonlyMap<string, number>, fileFields: ReadonlyMap<string, 'one' | 'many'>): BodyFailure | undefined {
  const allowed = fileFields.get(name);
  const already = filesIn.get(name) ?? 0;
  if (allowed === undefined || (allowed === 'one' && already >= 1)) {
    return { kind: 'badField', field: name, reason: 'no file is expected in this field, or no more files' };
  }
  if (count > BODY_LIMITS.files) return { kind: 'tooLarge', reason: `too many files (${limitsText()})` };
  if (file.size > BODY_LIMITS.fileBytes) {
    return { kind: 'tooLarge', reason: `a file (${name}) is over ${BODY_LIMITS.fileBytes} bytes (${BODY_LIMITS.fileBytes / MB} MB)` };
  }
  return undefined;
}
