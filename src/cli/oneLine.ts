/** The longest error line printed; longer ones keep their start and end. */
export const MAX_ERROR_LINE = 400;

/**
 * A message as one printable line: control characters (a newline in a file name, say) are
 * escaped as `\n`, `\u001b`..., and a line longer than MAX_ERROR_LINE is cut in the middle,
 * which keeps what failed (the start) and why (the end).
 */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped.length <= MAX_ERROR_LINE) return escaped;
  const keep = Math.floor((MAX_ERROR_LINE - 30) / 2);
  return `${escaped.slice(0, keep)} ...(${escaped.length - 2 * keep} characters cut)... ${escaped.slice(-keep)}`;
}
