/**
 * Which bytes a `Range` header asks for, per RFC 9110 §14:
 * - `{ start, end }` (inclusive, clamped to the representation) for one satisfiable range;
 * - `'unsatisfiable'` when the one range starts past the end, or is a zero-length suffix
 *   (`bytes=-0`): the caller answers 416 with `Content-Range: bytes *\/<total>`;
 * - `undefined` when the header should be ignored and the whole representation sent: no
 *   header, another unit, a malformed value, or several ranges (the RFC lets a server answer
 *   a multi-range request with the whole file, which spares us multipart/byteranges).
 * A zero-length representation has no byte to select, so every range on it is unsatisfiable.
 */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** `first-pos "-" [ last-pos ]` or `"-" suffix-length`, digits only (RFC 9110 §14.1.1). */
const rangeSpec = /^(\d*)-(\d*)$/;

export function byteRange(header: string | undefined, total: number): ByteRange {
  if (header === undefined) return undefined;
  const equals = header.indexOf('=');
  if (equals < 0 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') return undefined;
  // A list may carry empty elements (`bytes=0-99,`); recipients must accept them (RFC 9110 §5.6.1).
  const specs = header
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length !== 1) return undefined;
  const match = rangeSpec.exec(specs[0]!);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;

  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || total === 0) return 'unsatisfiable';
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return undefined;
  if (start >= total) return 'unsatisfiable';
  return { start, end: Math.min(end, total - 1) };
}
