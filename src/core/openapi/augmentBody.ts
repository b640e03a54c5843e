import { BoundedCache } from '../data/boundedCache.js';
import { deepFreeze } from './deepFreeze.js';
import type { FieldSlot } from './findExtraFields.js';
import type { SchemaSampler } from './sampleSchema.js';

/** Adds the extra fields of one response to a body the domain built; returns a new body. */
export type Augment = (body: unknown) => unknown;

/** Share of bodies an optional extra field appears in. */
export const OPTIONAL_FIELD_RATE = 0.5;
/**
 * Values kept per operation, by (owner, field path): jobs of large datasets, which are derived
 * afresh on every page, and envelopes of uncached pages get theirs without sampling again.
 */
export const SAMPLED_VALUES_KEPT = 8192;

interface SlotTree {
  fields: { slot: FieldSlot; check: (value: unknown) => boolean }[];
  children: Map<string, SlotTree>;
}

/**
 * Fills the extra fields of a body. Each value is drawn from (seed, owner, field path): the
 * owner is the nearest object with a string `id` (a job), so a job's extra field is the same on
 * every page and every retrieve; objects without one use the operation and the JSON path.
 * Frozen inputs (cached jobs, pages and page bodies) give frozen outputs, remembered, so a
 * cached page is augmented once and its text and verdict stay cached downstream.
 */
export function createAugment(
  operationId: string,
  slots: readonly FieldSlot[],
  sampler: SchemaSampler,
  compileCheck: (schema: FieldSlot['schema']) => (value: unknown) => boolean,
): Augment {
  const root: SlotTree = { fields: [], children: new Map() };
  for (const slot of slots) {
    let node = root;
    for (const segment of slot.at) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { fields: [], children: new Map() }));
      node = child;
    }
    node.fields.push({ slot, check: compileCheck(slot.schema) });
  }
  const done = new WeakMap<object, unknown>();
  const values = new BoundedCache<string, unknown>(SAMPLED_VALUES_KEPT);
  const valueFor = (slot: FieldSlot, key: string, check: (value: unknown) => boolean) => {
    let value = values.get(key);
    if (value === undefined) {
      // Frozen: one value may be shown by many bodies.
      value = deepFreeze(sampler.sample(slot.schema, key, check));
      values.set(key, value);
    }
    return value;
  };

  const apply = (tree: SlotTree, value: unknown, owner: string, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const frozen = Object.isFrozen(value);
    if (frozen && done.has(value)) return done.get(value);
    let out: unknown = value;
    if (Array.isArray(value)) {
      const items = tree.children.get('*');
      if (items) {
        const mapped = value.map((item: unknown, i) => apply(items, item, owner, `${path}.${i}`));
        if (mapped.some((item, i) => item !== value[i])) out = mapped;
      }
    } else {
      const record = value as Record<string, unknown>;
      const id = record['id'];
      if (typeof id === 'string') {
        owner = `id:${id}`;
        path = '';
      }
      let copy: Record<string, unknown> | undefined;
      for (const { slot, check } of tree.fields) {
        if (record[slot.name] !== undefined) continue;
        const key = `${owner}${path}.${slot.name}`;
        if (!slot.required && sampler.chance(key) >= OPTIONAL_FIELD_RATE) continue;
        copy ??= { ...record };
        copy[slot.name] = valueFor(slot, key, check);
      }
      for (const [segment, child] of tree.children) {
        if (segment === '*') continue;
        const inner = record[segment];
        const next = apply(child, inner, owner, `${path}.${segment}`);
        if (next !== inner) {
          copy ??= { ...record };
          copy[segment] = next;
        }
      }
      if (copy) out = copy;
    }
    if (frozen) {
      if (out !== value) Object.freeze(out);
      done.set(value, out);
    }
    return out;
  };
  return (body) => apply(root, body, `op:${operationId}`, '');
}
