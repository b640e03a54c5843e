import { ConfigError } from '../errors/ConfigError.js';

/**
 * Refuses options that are not objects, and names the mock does not know: TypeScript catches
 * a typo, plain JavaScript (a jest setup file, a Storybook preview) would pass `sede: 7` or the
 * SDK's spelling `baseURL` silently, and the test would run on defaults. The ConfigError names
 * the option, the closest known name, and where it was given.
 */
export function checkOptionNames(where: string, options: unknown, known: readonly string[]): void {
  const problem = optionNamesProblem(options, known);
  if (problem) throw new ConfigError(`${where}: ${problem}`);
}

/** What is wrong with the options' names (or with them not being an object); undefined when nothing is. */
export function optionNamesProblem(options: unknown, known: readonly string[]): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return `the options must be an object, not ${describe(options)}`;
  }
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const near = closest(name, known);
    return `unknown option ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : `; it takes ${known.join(', ')}`}`;
  }
  return undefined;
}

/** How a value that is not what was asked for reads in a message: `"7"`, `null`, `an array`. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/**
 * The known name a typo most likely meant: the same letters in another case, one that starts
 * with the other (another host's `faults` for the server's `faultsPath`), or at most 2 edits away.
 */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameLetters = known.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const sameStart = known.find((candidate) => Math.min(candidate.length, lower.length) >= 4 && (candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase())));
  if (sameStart) return sameStart;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
