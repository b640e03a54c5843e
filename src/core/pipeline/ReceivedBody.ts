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
  bytes: Uint8Array;
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
