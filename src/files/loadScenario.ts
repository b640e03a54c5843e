import { open } from 'node:fs/promises';
import { ConfigError } from '../core/errors/ConfigError.js';
import type { FaultRule } from '../core/faults/FaultRule.js';
import { parseRules, RuleError, type RuleStatuses } from '../core/faults/parseRules.js';

/**
 * The largest scenario file read: 256 KiB, as for an admin request body, holds 1,000 rules of
 * a typical size. A 60 MB file once took 100 s and 4.3 GB of memory before V8 aborted; YAML
 * parsing costs about 2 s per MiB here, so larger files are refused unread.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** Reads a scenario file (YAML or JSON); every problem is one line naming the file. */
export async function loadScenario(path: string, statuses: RuleStatuses): Promise<FaultRule[]> {
  const text = await readCapped(path);
  let raw: unknown;
  try {
    // JSON is YAML too, but JSON.parse reads it a hundred times faster.
    raw = looksLikeJson(text) ? await parseJsonOrYaml(text) : (await import('yaml')).parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  // An empty file, or a `rules:` key with nothing under it, is an empty scenario.
  if (raw === null || (isObject(raw) && 'rules' in raw && raw['rules'] === null)) return [];
  try {
    return parseRules(raw, statuses);
  } catch (error) {
    if (error instanceof RuleError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The file's text, refused before reading when it is over MAX_SCENARIO_BYTES. */
async function readCapped(path: string): Promise<string> {
  const failure = (error: unknown) =>
    new ConfigError(`${path}: cannot read the scenario (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  const file = await open(path, 'r').catch((error: unknown) => {
    throw failure(error);
  });
  try {
    // fstat on the open file, and a read that stops one byte past the cap: a file that grows
    // between the two is still refused, and a FIFO or /dev/zero cannot stream forever.
    const { size } = await file.stat();
    if (size > MAX_SCENARIO_BYTES) throw tooLarge(path, `${size} bytes`);
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_SCENARIO_BYTES) throw tooLarge(path, `over ${MAX_SCENARIO_BYTES} bytes`);
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw failure(error);
  } finally {
    await file.close();
  }
}

function tooLarge(path: string, size: string): ConfigError {
  return new ConfigError(`${path}: the scenario is too large (${size}; the limit is ${MAX_SCENARIO_BYTES} bytes, 256 KiB)`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** JSON.parse, or YAML's reading (and its error message) when the text is YAML flow style. */
async function parseJsonOrYaml(text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return (await import('yaml')).parse(text);
  }
}
