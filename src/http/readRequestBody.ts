import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { errors } from '../errors/catalog.js';
import type { MockError } from '../errors/MockError.js';
import type { RequestBody } from './routes/HandlerInput.js';

/**
 * Caps on what a request body may hold (413 past them). A prompt is at most 32,000 characters,
 * which is up to 128 KB of UTF-8; an input reference image at most 4 MB.
 */
export const BODY_LIMITS = {
  jsonBytes: 256 * 1024,
  fileBytes: 4 * 1024 * 1024,
  fieldBytes: 128 * 1024,
  fields: 16,
  files: 1,
} as const;

const parsed = new WeakMap<Request, RequestBody | MockError>();

/**
 * Parses a JSON or multipart body into `{ fields, file }`, for the media types the spec declares.
 * A body that cannot be read (bad JSON, too large, unexpected file) is kept as the MockError the
 * route throws, so it goes through the same pipeline (journal, faults, validation) as any answer.
 */
export function readRequestBody(mediaTypes: readonly string[], fileField: string | undefined): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: BODY_LIMITS.fileBytes, files: BODY_LIMITS.files, fields: BODY_LIMITS.fields, fieldSize: BODY_LIMITS.fieldBytes, parts: BODY_LIMITS.fields + BODY_LIMITS.files },
  });
  const multipart = fileField ? upload.single(fileField) : upload.none();
  return (req: Request, res: Response, next: NextFunction) => {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const done = (error?: unknown) => {
      parsed.set(req, error === undefined ? toBody(req) : bodyError(error));
      next();
    };
    if (type === 'multipart/form-data' && mediaTypes.includes(type)) return multipart(req, res, done);
    if (type === 'application/json' && mediaTypes.includes(type)) return readJson(req, done);
    parsed.set(req, errors.invalidBody(`send the body as ${mediaTypes.join(' or ')} (got ${type || 'no Content-Type'})`));
    next();
  };
}

/** The parsed body of a request (throws the MockError when it could not be read). */
export function requestBody(req: Request): RequestBody | undefined {
  const body = parsed.get(req);
  if (body instanceof Error) throw body;
  return body;
}

/**
 * A JSON body, read with a size cap. (express.json does the same through body-parser's content
 * negotiation and charset decoding, which cost a create about a fifth of its throughput; bodies
 * here are UTF-8 JSON, as the spec says.)
 */
function readJson(req: Request, done: (error?: unknown) => void): void {
  const declared = Number(req.get('content-length') ?? NaN);
  if (declared > BODY_LIMITS.jsonBytes) {
    req.resume(); // drain it, so the connection stays usable for the next request
    return done(Object.assign(new Error('too large'), { status: 413 }));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMITS.jsonBytes && !failed) {
      failed = true;
      done(Object.assign(new Error('too large'), { status: 413 }));
    }
    if (!failed) chunks.push(chunk);
  });
  req.on('end', () => {
    if (failed) return;
    try {
      req.body = size === 0 ? undefined : JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch (error) {
      return done(error);
    }
    done();
  });
  req.on('error', (error) => {
    if (!failed) {
      failed = true;
      done(error);
    }
  });
}

function toBody(req: Request): RequestBody | MockError {
  const raw: unknown = req.body;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return errors.invalidBody('expected a JSON object');
  const fields = { ...(raw as Record<string, unknown>) };
  const file = req.file;
  return file ? { fields, file: { bytes: file.buffer, mimetype: file.mimetype } } : { fields };
}

function bodyError(error: unknown): MockError {
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_UNEXPECTED_FILE') return errors.invalidField(error.field ?? 'file', 'no file is expected in this field');
    return errors.bodyTooLarge(`${error.message}${error.field ? ` (${error.field})` : ''}`);
  }
  const status = (error as { status?: number }).status;
  if (status === 413) return errors.bodyTooLarge(`the JSON body is over ${BODY_LIMITS.jsonBytes} bytes`);
  return errors.invalidBody(`not valid JSON or multipart (${(error as Error).message ?? 'parse error'})`);
}
