/** Text V8 may keep in one byte a character (Latin-1); anything else takes two. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * What a string holds in memory, near enough for a budget: one byte a character for Latin-1
 * text, two for anything else (V8's two string forms; the header is left out).
 */
export function heldBytes(text: string): number {
  return BEYOND_LATIN1.test(text) ? 2 * text.length : text.length;
}
