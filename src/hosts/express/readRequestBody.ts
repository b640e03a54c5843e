import type { Request, RequestHandler } from 'express';
import type multerModule from 'multer';
import type { RequestBodyContract } from '../../core/openapi/compileRequestBody.js';

/**
 * Caps on what one request body may make the mock hold, for every operation (domain- or
 * schema-served); past them a 413. A prompt is at most 32,000 characters, up to 128 KB of UTF-8,
 * so a text field holds one; an input reference image is at most 4 MB. Worst case, a multipart
 * body holds 4 MB of fields and 16 MB of files; create's `input_reference` takes one file only,
 * as its schema says (each file field takes one file, or up to `files` when it is an array).
 */
export const BODY_LIMITS = {
  /** A JSON, url-encoded or text body. */
  bodyBytes: 256 * 1024,
  /** Multipart: text fields, each at most fieldBytes. */
  fields: 32,
  fieldBytes: 128 * 1024,
  /** Multipart: files, each at most fileBytes. */
  files: 4,
  fileBytes: 4 * 1024 * 1024,
} as const;

/** Why a body could not be read; each path words it its own way (gateway routes, schema-served). */
export type BodyFailure =
  | { kind: 'mediaType'; given: string }
  | { kind: 'tooLarge'; reason: string }
  | { kind: 'badField'; field: string; reason: string }
  | { kind: 'unreadable'; reason: string };

export interface UploadedFile {
  field: string;
  /** The name the client gave it. */
  name: string;
  bytes: Buffer;
  mimetype: string;
}

/** A request body as read, before anyone judges it. Either a value (and files) or a failure. */
export interface ReceivedBody {
  /** The spec's media type the request matched; undefined when no body was sent. */
  mediaType?: string;
  /** JSON as parsed; form fields typed by the schema (files not included); text as a string. */
  value?: unknown;
  files?: readonly UploadedFile[];
  failure?: BodyFailure;
}

type Multer = typeof multerModule;
/** multer is loaded on the first multipart body: most servers never see one. */
let multerLoaded: Promise<Multer> | undefined;
const loadMulter = () => (multerLoaded ??= import('multer').then(({ default: multer }) => multer));

const received = new WeakMap<Request, ReceivedBody>();

/**
 * The one body reader, for every operation with a request body: reads it by the media types the
 * spec declares (JSON, multipart with the file fields its schema names, url-encoded forms, text)
 * within BODY_LIMITS. Nothing is thrown: a failure is kept (see receivedBody) so auth and faults
 * still come first and every refusal goes out through the one error path. A body over a cap is
 * drained, never kept in part, and the connection stays usable.
 */
export function readRequestBody(contract: RequestBodyContract): RequestHandler {
  const mediaTypes = [...contract.mediaTypes];
  const uploads = new Map<string, Promise<MultipartReader>>();
  const uploadFor = (mediaType: string) => {
    let upload = uploads.get(mediaType);
    if (!upload) uploads.set(mediaType, (upload = loadMulter().then((multer) => multipartReader(multer, contract, mediaType))));
    return upload;
  };
  return (req, res, next) => {
    const body: ReceivedBody = {};
    received.set(req, body);
    const length = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (!chunked && (length === undefined || length === '0')) return next(); // no body at all
    const mediaType = req.is(mediaTypes);
    if (!mediaType) {
      body.failure = { kind: 'mediaType', given: req.get('content-type') ?? '' };
      return next();
    }
    const done = (failure: BodyFailure | undefined, value?: unknown, files?: UploadedFile[]) => {
      if (failure) body.failure = failure;
      else if (value !== undefined || files?.length) {
        body.mediaType = mediaType;
        body.value = value;
        if (files?.length) body.files = files;
        req.body = value; // for the journal, and the provider a create's model names
      }
      next();
    };
    if (mediaType.startsWith('multipart/')) {
      uploadFor(mediaType).then(
        ({ read, failureOf }) =>
          read(req, res, (error?: unknown) => {
            if (error) return done(failureOf(error));
            const fields = formFields(req.body);
            const problem = contract.formProblem(mediaType, fields);
            if (problem) return done({ kind: 'badField', ...problem });
            done(undefined, contract.fromForm(mediaType, fields), uploadedFiles(req));
          }),
        next,
      );
      return;
    }
    readCapped(req, (failure, bytes) => {
      if (failure || bytes === undefined || bytes.length === 0) return done(failure);
      const text = bytes.toString('utf8');
      if (/json/.test(mediaType)) {
        try {
          return done(undefined, JSON.parse(text) as unknown);
        } catch (error) {
          return done({ kind: 'unreadable', reason: (error as Error).message });
        }
      }
      if (mediaType === 'application/x-www-form-urlencoded') {
        const fields = Object.create(null) as Record<string, string[]>; // a field may be named __proto__
        for (const [name, value] of new URLSearchParams(text)) (fields[name] ??= []).push(value);
        const problem = contract.formProblem(mediaType, fields);
        if (problem) return done({ kind: 'badField', ...problem });
        return done(undefined, contract.fromForm(mediaType, fields));
      }
      done(undefined, text);
    });
  };
}

/** What readRequestBody read for this request (empty when the operation takes no body). */
export function receivedBody(req: Request): ReceivedBody {
  return received.get(req) ?? {};
}

/**
 * The body's bytes, at most BODY_LIMITS.bodyBytes. (express.json does the same through
 * body-parser's content negotiation and charset decoding, which cost a create about a fifth of
 * its throughput; bodies here are UTF-8, as the spec's media types say.) `done` is called once.
 */
function readCapped(req: Request, done: (failure?: BodyFailure, bytes?: Buffer) => void): void {
  const tooLarge: BodyFailure = { kind: 'tooLarge', reason: `over ${BODY_LIMITS.bodyBytes} bytes (${BODY_LIMITS.bodyBytes / 1024} KB)` };
  if (Number(req.get('content-length') ?? NaN) > BODY_LIMITS.bodyBytes) {
    req.resume(); // drain it, so the connection stays usable for the next request
    return done(tooLarge);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (failure?: BodyFailure, bytes?: Buffer) => {
    if (settled) return;
    settled = true;
    done(failure, bytes);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMITS.bodyBytes) {
      chunks.length = 0; // the rest is drained, nothing of it kept
      return settle(tooLarge);
    }
    chunks.push(chunk);
  });
  req.on('end', () => settle(undefined, Buffer.concat(chunks, size)));
  req.on('error', (error) => settle({ kind: 'unreadable', reason: error.message }));
}

interface MultipartReader {
  read: RequestHandler;
  failureOf(error: unknown): BodyFailure;
}

/** multer for one media type: the file fields its schema names, one file each unless an array. */
function multipartReader(multer: Multer, contract: RequestBodyContract, mediaType: string): MultipartReader {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: BODY_LIMITS.fileBytes,
      files: BODY_LIMITS.files,
      fields: BODY_LIMITS.fields,
      fieldSize: BODY_LIMITS.fieldBytes,
      parts: BODY_LIMITS.fields + BODY_LIMITS.files,
    },
  });
  const fileFields = [...contract.fileFields(mediaType)].map(([name, count]) => ({ name, maxCount: count === 'one' ? 1 : BODY_LIMITS.files }));
  return {
    read: fileFields.length > 0 ? upload.fields(fileFields) : upload.none(),
    failureOf: (error) => multipartFailure(error, multer),
  };
}

function multipartFailure(error: unknown, multer: Multer): BodyFailure {
  if (!(error instanceof multer.MulterError)) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
  const field = error.field ?? 'file';
  switch (error.code) {
    case 'LIMIT_UNEXPECTED_FILE':
      return { kind: 'badField', field, reason: 'no file is expected in this field, or no more files' };
    case 'LIMIT_FILE_SIZE':
      return { kind: 'tooLarge', reason: `a file (${field}) is over ${BODY_LIMITS.fileBytes} bytes (${BODY_LIMITS.fileBytes / 1024 / 1024} MB)` };
    case 'LIMIT_FIELD_VALUE':
      return { kind: 'tooLarge', reason: `field ${field} is over ${BODY_LIMITS.fieldBytes} bytes (${BODY_LIMITS.fieldBytes / 1024} KB)` };
    default:
      return {
        kind: 'tooLarge',
        reason: `${error.message.toLowerCase()} (limits: ${BODY_LIMITS.fields} fields of ${BODY_LIMITS.fieldBytes} bytes, ${BODY_LIMITS.files} files of ${BODY_LIMITS.fileBytes} bytes)`,
      };
  }
}

/** multer's text fields (one value, or a list when repeated) as lists of strings. */
function formFields(raw: unknown): Record<string, string[]> {
  const fields = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    fields[name] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return fields;
}

function uploadedFiles(req: Request): UploadedFile[] {
  const byField = (req.files ?? {}) as Record<string, Express.Multer.File[]> | Express.Multer.File[];
  const all = Array.isArray(byField) ? byField : Object.values(byField).flat();
  return all.map((file) => ({ field: file.fieldname, name: file.originalname || 'file', bytes: file.buffer, mimetype: file.mimetype }));
}
