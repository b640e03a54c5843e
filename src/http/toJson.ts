const serialized = new WeakMap<object, string>();

/**
 * JSON.stringify for response bodies that remembers the text of frozen objects. Jobs are
 * frozen and shared by every page that shows them, so each is serialized once, not once per
 * response. Handles what our bodies contain: plain objects, arrays and JSON scalars (no
 * Dates, toJSON methods or sparse arrays), and frozen values must not hold mutable ones.
 */
export function toJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Frozen arrays (pages) and objects (jobs) are immutable all the way down in our bodies.
  if (Object.isFrozen(value)) {
    let text = serialized.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      serialized.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${toJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
