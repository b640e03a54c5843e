import { createClock } from '../core/clock/createClock.js';
import { createDataset, type Dataset } from '../core/data/createDataset.js';
import { loadProviderCatalog, type ProviderCatalog } from '../core/data/providerCatalog.js';
import { ConfigError } from '../core/errors/ConfigError.js';
import { createFaultEngine, type FaultEngine } from '../core/faults/createFaultEngine.js';
import type { FaultRule, Latency } from '../core/faults/FaultRule.js';
import { loadScenario } from './loadScenario.js';
import { createJobStore, defaultJobStoreLimits } from '../core/jobs/createJobStore.js';
import { createJobWorld, type JobWorld, type JobWorldOptions } from '../core/jobs/createJobWorld.js';
import { createAugment, type Augment } from '../core/openapi/augmentBody.js';
import { prepareSchemaChecks } from '../core/openapi/ajvInstances.js';
import { checkFakerPaths } from '../core/openapi/checkFakerPaths.js';
import { checkRecursion } from '../core/openapi/unrollRecursion.js';
import { compileContract, type Contract, type JsonSchema } from '../core/openapi/compileContract.js';
import { errorStatusesOf } from '../core/openapi/declaredStatuses.js';
import { defaultSpecPath } from './defaultSpecPath.js';
import { findErrorFields, type ErrorFields } from '../core/openapi/findErrorFields.js';
import { findExtraFields } from '../core/openapi/findExtraFields.js';
import { loadSpec, prepareSpecChecks } from './loadSpec.js';
import { createSchemaSampler, type SchemaSampler } from '../core/openapi/sampleSchema.js';

/** The files a server is built from; `--watch` reloads them. */
export interface RuntimeFiles {
  specPath: string;
  providersPath: string;
  faultsPath?: string;
}

export interface RuntimeSettings {
  seed: number;
  jobs: number;
  /** Unix seconds. */
  now: number;
  latency?: Latency;
  renderSpeed?: number;
  /**
   * What the job world keeps across reloads: its clock, created jobs and deletions, id salt
   * (default: a frozen clock at `now`, an empty store, salt 0).
   */
  state?: Omit<JobWorldOptions, 'dataset'>;
}

/** Everything that comes from the files, swapped as one piece on a reload. */
export interface Runtime {
  contract: Contract;
  catalog: ProviderCatalog;
  dataset: Dataset;
  /** The jobs of the dataset plus the kept state (settings.state): rebuilt when the dataset is. */
  world: JobWorld;
  rules: FaultRule[];
  faults: FaultEngine;
  sampler: SchemaSampler;
  extraFields: ReadonlyMap<string, ReadonlyMap<string, Augment>>;
  /** Fields the spec adds to error bodies; undefined when it adds none. */
  errorFields: ErrorFields | undefined;
}

/**
 * Loads what the files say. With a previous runtime, only the changed files are read again and
 * the rest is kept as it is: an unchanged fault file keeps its engine (rules, counters, random
 * sequence), unchanged providers keep the dataset and its caches. Any problem is a ConfigError
 * naming the file, and nothing of the previous runtime is touched.
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
  if (!contract.operations.has('listVideos')) throw new ConfigError(`${files.specPath}: no operation with operationId listVideos`);
  // Each request checks its own operation's statuses; a rule is first checked against them all.
  const errorStatuses = errorStatusesOf(contract.operations.values());

  let rules: FaultRule[];
  let faults: FaultEngine;
  if (previous && !fresh(files.faultsPath)) {
    ({ rules, faults } = previous.runtime);
  } else {
    rules = files.faultsPath ? await loadScenario(files.faultsPath, errorStatuses) : [];
    faults = createFaultEngine({
      rules,
      seed: settings.seed,
      statuses: errorStatuses,
      ...(settings.latency !== undefined && { latency: settings.latency }),
    });
  }
  const dataset =
    previous && catalog === previous.runtime.catalog
      ? previous.runtime.dataset
      : createDataset({ seed: settings.seed, jobsPerProvider: settings.jobs, now: settings.now, catalog, ...(settings.renderSpeed !== undefined && { renderSpeed: settings.renderSpeed }) });
  const world =
    previous && dataset === previous.runtime.dataset ? previous.runtime.world : createJobWorld({ dataset, ...(settings.state ?? freshState(settings.now)) });
  const sampler = previous?.runtime.sampler ?? createSchemaSampler(settings.seed, settings.now * 1000);
  const { extraFields, errorFields } =
    previous && contract === previous.runtime.contract ? previous.runtime : await extraFieldsOf(contract, sampler);
  // Last, once nothing here can fail: a kept engine checks new rules against the new spec.
  if (contract !== previous?.runtime.contract) faults.checkStatusesAgainst(errorStatuses);
  return { contract, catalog, dataset, world, rules, faults, sampler, extraFields, errorFields };
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

function freshState(now: number): Omit<JobWorldOptions, 'dataset'> {
  return { clock: createClock({ mode: 'frozen', start: now * 1000 }), store: createJobStore(defaultJobStoreLimits), instanceSalt: 0 };
}

async function loadContract(path: string): Promise<Contract> {
  const spec = await loadSpec(path);
  checkFakerPaths(spec);
  checkRecursion(spec);
  return compileContract(spec);
}

let bundled: Promise<Contract> | undefined;

/**
 * For each operation the bundled spec also has, the augments of its 2xx responses: the fields
 * the served spec adds to what the domain generator (written to the bundled spec) produces; and
 * the fields its error schemas add to the bundled BifrostError, which every error body is built to.
 */
async function extraFieldsOf(contract: Contract, sampler: SchemaSampler) {
  const known = contract.spec.path === defaultSpecPath ? contract : await (bundled ??= loadContract(defaultSpecPath));
  const byOperation = new Map<string, Map<string, Augment>>();
  for (const operation of contract.operations.values()) {
    const knownOperation = known.operations.get(operation.operationId);
    if (!knownOperation) continue;
    for (const [status, schema] of operation.responseSchemas) {
      if (!/^2\d\d$/.test(status)) continue;
      const slots = findExtraFields(schema, knownOperation.responseSchemas.get(status));
      if (slots.length === 0) continue;
      const augments = byOperation.get(operation.operationId) ?? new Map<string, Augment>();
      augments.set(status, createAugment(operation.operationId, slots, sampler, contract.compileCheck));
      byOperation.set(operation.operationId, augments);
    }
  }
  const knownError = known.spec.document.components?.schemas?.['BifrostError'] as JsonSchema;
  return { extraFields: byOperation, errorFields: findErrorFields(contract, knownError, sampler) };
}
