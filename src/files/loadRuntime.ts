import type { Contract } from '../core/openapi/compileContract.js';
import { prepareSchemaChecks } from '../core/openapi/ajvInstances.js';
import { errorStatusesOf } from '../core/openapi/declaredStatuses.js';
import { compileSpec, createRuntime, type Runtime, type RuntimeSettings } from '../core/createRuntime.js';
import type { FaultRule } from '../core/faults/FaultRule.js';
import englishWords from '../bundled/englishWords.js';
import { checkFakerPaths } from '../core/openapi/checkFakerPaths.js';
import type { FakerLocale } from '../core/random/createFaker.js';
import { drawsOnlyFrom, loadEnglish } from '../core/random/fakerWords.js';
import { defaultSpecPath } from './defaultSpecPath.js';
import { loadProviderCatalog } from './loadProviderCatalog.js';
import { loadScenario } from './loadScenario.js';
import { loadSpec, prepareSpecChecks } from './loadSpec.js';

/** The files a server is built from; `--watch` reloads them. */
export interface RuntimeFiles {
  specPath: string;
  providersPath: string;
  faultsPath?: string;
}

/** The files a runtime is read from, in the order they are loaded and watched. */
export function runtimeFilePaths(files: RuntimeFiles): string[] {
  return [files.specPath, files.providersPath, ...(files.faultsPath ? [files.faultsPath] : [])];
}

/**
 * Loads what the files say (see createRuntime). With a previous runtime, only the changed files
 * are read again and the rest is kept as it is: an unchanged fault file keeps its engine (rules,
 * counters, random sequence), unchanged providers keep the dataset and its caches. Any problem is
 * a ConfigError naming the file, and nothing of the previous runtime is touched.
 */
export async function loadRuntime(
  files: RuntimeFiles,
  settings: RuntimeSettings,
  previous?: { runtime: Runtime; changed: ReadonlySet<string> },
): Promise<Runtime> {
  const fresh = (path: string | undefined) => !previous || (path !== undefined && previous.changed.has(path));
  const [contract, catalog] = await Promise.all([
    fresh(files.specPath) ? loadContract(files.specPath) : previous!.runtime.contract,
    fresh(files.providersPath) ? loadProviderCatalog(files.providersPath) : previous!.runtime.catalog,
  ]);
  let rules: FaultRule[];
  if (previous && !fresh(files.faultsPath)) rules = previous.runtime.rules;
  else rules = files.faultsPath ? await loadScenario(files.faultsPath, errorStatusesOf(contract.operations.values())) : [];
  const known = contract.spec.path === defaultSpecPath ? contract : await (bundled ??= loadContract(defaultSpecPath));
  const locale = await wordsFor(contract);
  return createRuntime({ contract, known, catalog, rules, locale: () => locale }, settings, previous?.runtime);
}

/**
 * With --watch, what the first reload of an edited spec needs and a start on the vetted spec
 * skipped (the OpenAPI schema check, the meta-schema), made ready in the background, so that
 * reload is not slower than the next ones.
 */
export async function prepareReloads(): Promise<void> {
  await prepareSpecChecks();
  prepareSchemaChecks();
}

/**
 * The words a spec's runtime draws from: the few the seeded data uses, unless the spec's own
 * `x-faker` calls need more; only then is faker's whole English loaded (~100 ms of a start).
 */
async function wordsFor(contract: Contract): Promise<FakerLocale> {
  if (drawsOnlyFrom(englishWords, checkFakerPaths(contract.spec))) return englishWords;
  return (english ??= loadEnglish());
}

let english: Promise<FakerLocale> | undefined;

async function loadContract(path: string): Promise<Contract> {
  return compileSpec(await loadSpec(path));
}

let bundled: Promise<Contract> | undefined;
