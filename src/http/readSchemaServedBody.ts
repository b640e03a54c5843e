import express, { type Request, type RequestHandler, type Response } from 'express';
import type multerModule from 'multer';
import { errors } from '../errors/catalog.js';
import type { MockError } from '../errors/MockError.js';
import type { RequestBodyContract } from '../spec/compileRequestBody.js';

/** A request body as read, before the spec judges it. */
export interface ReceivedBody {
  /** The spec's media type the request matched; undefined when no body was sent. */
  mediaType?: string;
  value?: unknown;
  /** Unreadable, too large, or of a media type the operation does not take. */
  error?: MockError;
}

/**
 * Caps on what one request body may make the mock hold (memory storage for uploads):
 * larger bodies are refused with a 413 naming the limit.
 */
export const BODY_LIMITS = {
  jsonBytes: 1024 * 1024,
  fileBytes: 4 * 1024 * 1024,
  files: 4,
  fields: 64,
  fieldBytes: 64 * 1024,
  parts: 80,
} as const;

const json = express.json({ limit: BODY_LIMITS.jsonBytes, strict: false, type: () => true });
const form = express.urlencoded({ limit: BODY_LIMITS.jsonBytes, extended: false, type: () => true });
const text = express.text({ limit: BODY_LIMITS.jsonBytes, type: () => true });
type Multer = typeof multerModule;
/** multer is loaded on the first multipart body: most servers never see one. */
let multipart: Promise<{ multer: Multer; upload: RequestHandler }> | undefined;
const loadMultipart = () =>
  (multipart ??= import('multer').then(({ default: multer }) => ({
    multer,
    upload: multer({
      storage: multer.memoryStorage(),
      limits: {
        fileSize: BODY_LIMITS.fileBytes,
        files: BODY_LIMITS.files,
        fields: BODY_LIMITS.fields,
        fieldSize: BODY_LIMITS.fieldBytes,
        parts: BODY_LIMITS.parts,
      },
    }).any(),
  })));

/**
 * Reads the body of a schema-served operation by its media type (JSON, multipart with files,
 * url-encoded forms, text) into `res.locals.receivedBody`. Failures are kept there, not thrown,
 * so auth still comes first and every refusal goes out through the one error path.
 */
export function readSchemaServedBody(contract: RequestBodyContract): RequestHandler {
  return (req, res, next) => {
    const received: ReceivedBody = {};
    res.locals['receivedBody'] = received;
    const length = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (!chunked && (length === undefined || length === '0')) return next(); // no body at all
    const mediaType = req.is([...contract.mediaTypes]);
    if (mediaType === null) return next();
    if (mediaType === false) {
      received.error = errors.unsupportedMediaType(req.get('content-type') ?? '', contract.mediaTypes);
      return next();
    }
    received.mediaType = mediaType;
    const done = (error?: unknown, multer?: Multer) => {
      if (error) received.error = bodyError(error, multer);
      else received.value = bodyValue(req, contract, mediaType);
      next();
    };
    if (mediaType.startsWith('multipart/')) {
      loadMultipart().then(({ multer, upload }) => upload(req, res, (error?: unknown) => done(error, multer)), next);
    } else if (/json/.test(mediaType)) json(req, res, done);
    else if (mediaType === 'application/x-www-form-urlencoded') form(req, res, done);
    else text(req, res, done);
  };
}

export function schemaServedBody(res: Response): ReceivedBody {
  return (res.locals['receivedBody'] as ReceivedBody | undefined) ?? {};
}

function bodyValue(req: Request, contract: RequestBodyContract, mediaType: string): unknown {
  const multipart = mediaType.startsWith('multipart/');
  if (!multipart && mediaType !== 'application/x-www-form-urlencoded') return req.body as unknown;
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    fields[name] = (Array.isArray(value) ? value : [value]).map(String);
  }
  const out = contract.fromForm(mediaType, fields);
  if (multipart) {
    const fileFields = contract.fileFields(mediaType);
    for (const file of (req.files ?? []) as Express.Multer.File[]) {
      // A file is judged by its schema as a string (`format: binary`): its name stands for it.
      const name = file.originalname || 'file';
      const previous = out[file.fieldname];
      const many = fileFields.get(file.fieldname) === 'many' || previous !== undefined;
      out[file.fieldname] = many ? [...(Array.isArray(previous) ? previous : previous === undefined ? [] : [previous]), name] : name;
    }
  }
  return out;
}

function bodyError(error: unknown, multer: Multer | undefined): MockError {
  if (multer && error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return errors.bodyTooLarge(`a file is over ${BODY_LIMITS.fileBytes} bytes`);
    if (error.code.startsWith('LIMIT_')) return errors.bodyTooLarge(`${error.message.toLowerCase()} (limits: ${BODY_LIMITS.files} files, ${BODY_LIMITS.fields} fields of ${BODY_LIMITS.fieldBytes} bytes)`);
    return errors.unreadableBody(error.message);
  }
  const status = (error as { status?: number }).status;
  if (status === 413) return errors.bodyTooLarge(`over ${BODY_LIMITS.jsonBytes} bytes`);
  return errors.unreadableBody(error instanceof Error ? error.message : String(error));
}
