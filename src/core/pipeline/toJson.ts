const serialized = new WeakMap<object, string>();
const encoded = new WeakMap<object, Uint8Array>();
const utf8 = new TextEncoder();

/**
 * JSON.stringify for response bodies that remembers the text of frozen objects. Cached pages
 * and jobs are frozen and shared by every response that shows them, so each is serialized
 * once, not once per response. Handles what our bodies contain: plain objects, arrays and JSON
 * scalars (no Dates, toJSON methods or sparse arrays), and frozen values must not hold mutable
 * ones.
 */
export function toJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Object.isFrozen(value)) return frozenText(value);
  // A mutable body (an envelope around a cached page, an error) reuses the text of its frozen
  // members; everything else goes to one native JSON.stringify call, which beats walking a
  // page of freshly derived jobs member by member.
  if (Array.isArray(value)) return `[${value.map((member: unknown) => memberJson(member) ?? 'null').join(',')}]`;
  // No frozen member to reuse (a created job, an error): one native call is fastest.
  if (!hasFrozenMember(value)) return JSON.stringify(value);
  const members: string[] = [];
  for (const key of Object.keys(value)) {
    const text = memberJson((value as Record<string, unknown>)[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

function hasFrozenMember(value: object): boolean {
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== null && typeof member === 'object' && Object.isFrozen(member)) return true;
  }
  return false;
}

function memberJson(member: unknown): string | undefined {
  if (member !== null && typeof member === 'object' && Object.isFrozen(member)) return frozenText(member);
  return JSON.stringify(member) as string | undefined;
}

function frozenText(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

/**
 * A frozen body's JSON as UTF-8 bytes, encoded once (the same rules as toJson). A list page or a
 * finished job is sent by many responses: as bytes, a host writes it without turning its text
 * into UTF-8 again, nor joining it with the headers into a new 8 KB string per response. Only
 * the bytes are kept: the text of the whole body is not.
 */
export function frozenJsonBytes(value: object): Uint8Array {
  let bytes = encoded.get(value);
  if (bytes === undefined) {
    bytes = utf8.encode(serialized.get(value) ?? JSON.stringify(value));
    encoded.set(value, bytes);
  }
  return bytes;
}
