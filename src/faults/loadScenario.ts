import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors/ConfigError.js';
import type { FaultRule } from './FaultRule.js';
import { parseRules, RuleError } from './parseRules.js';

/** Reads a scenario file (YAML or JSON); every problem is one line naming the file. */
export async function loadScenario(path: string, statuses: readonly number[]): Promise<FaultRule[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the scenario (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return parseRules(raw, statuses);
  } catch (error) {
    if (error instanceof RuleError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}
