import { createAugment, type Augment } from './augmentBody.js';
import type { Contract, JsonSchema, OperationContract } from './compileContract.js';
import { findExtraFields } from './findExtraFields.js';
import type { SchemaSampler } from './sampleSchema.js';

/** Adds the fields the spec's error schema adds to an error body of this status; returns a new body. */
export type CompleteError = (status: number, body: unknown) => unknown;

export interface ErrorFields {
  /** For errors outside any operation (unknown route, bad method, admin API): the spec's BifrostError. */
  outside?: CompleteError;
  /** By operationId, for the operations with an error schema that adds fields. */
  byOperation: ReadonlyMap<string, CompleteError>;
}

/**
 * Error bodies are built in one place (toBifrostError) to the bundled BifrostError schema; a
 * spec that adds fields to it (`request_id`, `error.doc_url`) would see every error refused.
 * This finds, for each error response of each operation, the fields its schema adds to the
 * bundled BifrostError, and fills them like the extra fields of success bodies: seeded by the
 * schema and the field path, so the same seed gives the same values. Undefined when no error
 * schema adds a field (the bundled spec): then nothing runs for errors.
 */
export function findErrorFields(contract: Contract, known: JsonSchema, sampler: SchemaSampler): ErrorFields | undefined {
  // Responses share their schema object (a `$ref` dereferenced once): one augment each.
  const bySchema = new Map<JsonSchema, Augment | undefined>();
  const augmentFor = (schema: JsonSchema, label: string) => {
    if (!bySchema.has(schema)) {
      const slots = findExtraFields(schema, known);
      bySchema.set(schema, slots.length === 0 ? undefined : createAugment(`error ${label}`, slots, sampler, contract.compileCheck));
    }
    return bySchema.get(schema);
  };
  const errorSchema = contract.spec.document.components?.schemas?.['BifrostError'] as JsonSchema | undefined;
  const outsideAugment = errorSchema ? augmentFor(errorSchema, 'BifrostError') : undefined;
  const outside: CompleteError | undefined = outsideAugment && ((_status, body) => outsideAugment(body));

  const byOperation = new Map<string, CompleteError>();
  for (const operation of contract.operations.values()) {
    const complete = completeFor(operation, augmentFor, outsideAugment);
    if (complete) byOperation.set(operation.operationId, complete);
  }
  if (!outside && byOperation.size === 0) return undefined;
  return { ...(outside && { outside }), byOperation };
}

function completeFor(
  operation: OperationContract,
  augmentFor: (schema: JsonSchema, label: string) => Augment | undefined,
  outside: Augment | undefined,
): CompleteError | undefined {
  const byStatus = new Map<string, Augment>();
  for (const [status, schema] of operation.responseSchemas) {
    if (/^2/.test(status)) continue;
    const augment = augmentFor(schema, `${operation.operationId} ${status}`);
    if (augment) byStatus.set(status, augment);
  }
  if (byStatus.size === 0 && !outside) return undefined;
  const declared = new Set(operation.statuses);
  return (status, body) => {
    // The response that judges this status, as the contract finds it: exact, `4XX`, `default`.
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => declared.has(k));
    // An undeclared status is judged as a BifrostError (schema-served operations).
    const augment = key === undefined ? outside : byStatus.get(key);
    return augment ? augment(body) : body;
  };
}
