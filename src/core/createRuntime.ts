import { createClock } from './clock/createClock.js';
import { createDataset, type Dataset } from './data/createDataset.js';
import type { ProviderCatalog } from './data/providerCatalog.js';
import { ConfigError } from './errors/ConfigError.js';
import { createFaultEngine, type FaultEngine } from './faults/createFaultEngine.js';
import type { FaultRule, Latency } from './faults/FaultRule.js';
import { createJobStore } from './jobs/createJobStore.js';
import { createJobWorld, type JobWorld, type JobWorldOptions } from './jobs/createJobWorld.js';
import { createAugment, type Augment } from './openapi/augmentBody.js';
import { checkFakerPaths } from './openapi/checkFakerPaths.js';
import { compileContract, type Contract, type JsonSchema } from './openapi/compileContract.js';
import { errorStatusesOf } from './openapi/declaredStatuses.js';
import { findErrorFields, type ErrorFields } from './openapi/findErrorFields.js';
import { findExtraFields } from './openapi/findExtraFields.js';
import { createSchemaSampler, type SchemaSampler } from './openapi/sampleSchema.js';
import type { SpecDocument } from './openapi/SpecDocument.js';
import type { FakerLocale } from './random/createFaker.js';
import { checkRecursion } from './openapi/unrollRecursion.js';

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

/** Everything the documents say, swapped as one piece on a reload. */
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

export interface RuntimeInputs {
  contract: Contract;
  /**
   * The bundled spec's contract, which the domain generator writes to: what the served spec adds
   * to it is generated from its schemas (default: the served contract itself, adding nothing).
   */
  known?: Contract;
  catalog: ProviderCatalog;
  rules: FaultRule[];
  /**
   * The words faker draws from, read when needed: the dataset reads them once, when it is made
   * (DATASET_WORDS are all it uses); the sampler of `x-faker` values on its first draw, so a
   * host may still be loading a larger locale until it answers its first request.
   */
  locale: () => FakerLocale;
}

/** Checks a parsed document and compiles its validators; problems are ConfigErrors naming it. */
export function compileSpec(spec: SpecDocument): Contract {
  checkFakerPaths(spec);
  checkRecursion(spec);
  return compileContract(spec);
}

/**
 * The runtime of parsed documents (a spec's contract, a provider catalog, fault rules), whoever
 * read them. With a previous runtime, what is the same object is kept as it is: the same rules
 * keep their engine (counters, random sequence), the same catalog keeps the dataset, its caches
 * and the world. Problems are ConfigErrors, and nothing of the previous runtime is touched.
 */
export function createRuntime(inputs: RuntimeInputs, settings: RuntimeSettings, previous?: Runtime): Runtime {
  const { contract, catalog, rules } = inputs;
  if (!contract.operations.has('listVideos')) throw new ConfigError(`${contract.spec.path}: no operation with operationId listVideos`);
  // Each request checks its own operation's statuses; a rule is first checked against them all.
  const errorStatuses = errorStatusesOf(contract.operations.values());
  const faults =
    previous && rules === previous.rules
      ? previous.faults
      : createFaultEngine({ rules, seed: settings.seed, statuses: errorStatuses, ...(settings.latency !== undefined && { latency: settings.latency }) });
  const dataset =
    previous && catalog === previous.catalog
      ? previous.dataset
      : createDataset({ seed: settings.seed, jobsPerProvider: settings.jobs, now: settings.now, catalog, locale: inputs.locale(), ...(settings.renderSpeed !== undefined && { renderSpeed: settings.renderSpeed }) });
  const world = previous && dataset === previous.dataset ? previous.world : createJobWorld({ dataset, ...(settings.state ?? freshState(settings.now)) });
  const sampler = previous?.sampler ?? createSchemaSampler(settings.seed, settings.now * 1000, inputs.locale);
  const { extraFields, errorFields } =
    previous && contract === previous.contract ? previous : extraFieldsOf(contract, inputs.known ?? contract, sampler);
  // Last, once nothing here can fail: a kept engine checks new rules against the new spec.
  if (contract !== previous?.contract) faults.checkStatusesAgainst(errorStatuses);
  return { contract, catalog, dataset, world, rules, faults, sampler, extraFields, errorFields };
}

function freshState(now: number): Omit<JobWorldOptions, 'dataset'> {
  return { clock: createClock({ mode: 'frozen', start: now * 1000 }), store: createJobStore(), instanceSalt: 0 };
}

/**
 * For each operation the bundled spec also has, the augments of its 2xx responses: the fields
 * the served spec adds to what the domain generator (written to the bundled spec) produces; and
 * the fields its error schemas add to the bundled BifrostError, which every error body is built to.
 */
function extraFieldsOf(contract: Contract, known: Contract, sampler: SchemaSampler) {
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
