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

/** Room for a multipart body's boundaries and part headers, beyond its fields and files. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

/**
 * The most bytes a host reads of a body of this media type before refusing it: a multipart body
 * may hold every field and file at its cap; anything else is one value of at most bodyBytes.
 */
export function maxBodyBytes(mediaType: string): number {
  if (!mediaType.startsWith('multipart/')) return BODY_LIMITS.bodyBytes;
  return BODY_LIMITS.fields * BODY_LIMITS.fieldBytes + BODY_LIMITS.files * BODY_LIMITS.fileBytes + MULTIPART_FRAMING_BYTES;
}

/** The 413 reason for a body over maxBodyBytes. */
export function tooLargeReason(mediaType: string): string {
  const max = maxBodyBytes(mediaType);
  if (mediaType.startsWith('multipart/')) return `over ${max} bytes (${limitsText()})`;
  return `over ${max} bytes (${max / 1024} KB)`;
}

export function limitsText(): string {
  return `limits: ${BODY_LIMITS.fields} fields of ${BODY_LIMITS.fieldBytes} bytes, ${BODY_LIMITS.files} files of ${BODY_LIMITS.fileBytes} bytes`;
}
