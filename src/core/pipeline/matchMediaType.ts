/**
 * Which of an operation's media types a Content-Type header is, if any: compared by essence
 * (type/subtype, case-insensitive, parameters ignored), with `type/*` and `*\/*` in the list
 * matching as wildcards. Returns the listed type, as the spec writes it.
 */
export function matchMediaType(contentType: string | undefined, accepted: readonly string[]): string | undefined {
  if (!contentType) return undefined;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  const slash = essence.indexOf('/');
  if (slash <= 0 || slash === essence.length - 1) return undefined;
  for (const type of accepted) {
    const listed = type.toLowerCase();
    if (listed === essence || listed === '*/*') return type;
    if (listed.endsWith('/*') && essence.startsWith(listed.slice(0, -1))) return type;
  }
  return undefined;
}
