import { generateSync, type JsonSchema as SamplerSchema } from 'json-schema-faker';
import { fnv1a } from '../data/videoId.js';
import { createFaker, type FakerLocale } from '../random/createFaker.js';
import { createSeededRandomizer } from '../random/seededRandomizer.js';
import { createFakerBridge, type FakerBridge } from './fakerBridge.js';
import type { JsonSchema } from './compileContract.js';
import { resolveCompositions } from './resolveCompositions.js';
import { unrollRecursion } from './unrollRecursion.js';

/** Checks a sampled value against the schema it came from (an ajv validator). */
export type SampleCheck = (value: unknown) => boolean;

export interface SchemaSampler {
  /**
   * A value for `schema`, the same for the same seed and key every time. When `check` is
   * given, up to a few draws are made until one passes it (a `pattern` or a `format` the
   * library renders loosely can miss); the last draw is returned either way, so the response
   * validation that follows still has the final word.
   */
  sample(schema: JsonSchema, key: string, check?: SampleCheck): unknown;
  /** A number in [0, 1) from the seed and key: for "is this optional field present?". */
  chance(key: string): number;
}

const ATTEMPTS = 4;

/** The reference instant of faker's date methods when none is given: the server's default `--now`. */
const DEFAULT_NOW_MS = Date.UTC(2026, 0, 15, 12);

/** No words: `x-faker` methods that need none (image.url, number.int, date.recent) still work. */
const noWords = (): FakerLocale => ({});

/**
 * Values for any JSON Schema (2020-12), from json-schema-faker 0.6: `type`, `format`, `enum`,
 * `const`, `pattern`, ranges and lengths, compositions, nullable types, `examples` and
 * `default` first. `x-faker: image.url` names a faker method (paths are checked when the spec
 * is loaded, see checkFakerPaths). The library does not seed faker, so each draw seeds our own
 * instance from the same key; it skips `x-faker` inside oneOf/anyOf/allOf, so those branches
 * are resolved first (resolveCompositions). A recursive schema is unrolled to a bounded depth
 * first (unrollRecursion). Faker's date methods (`date.recent`, `date.soon`)
 * count from `nowMs`, the server's anchor instant, not from the real time, so the same seed and
 * `--now` give the same dates on every server; a Date is written as its schema asks (fakerBridge).
 * `locale` gives the words `x-faker` methods draw from; it is read on the first draw, so a host
 * may still be loading them when the sampler is made.
 */
export function createSchemaSampler(seed: number, nowMs = DEFAULT_NOW_MS, locale: () => FakerLocale = noWords): SchemaSampler {
  const randomizer = createSeededRandomizer();
  // Made on the first draw: a server whose spec needs no sampling never builds it.
  let bridge: FakerBridge | undefined;
  const fakerBridge = () => {
    if (!bridge) {
      const faker = createFaker(locale(), randomizer);
      faker.setDefaultRefDate(new Date(nowMs));
      bridge = createFakerBridge(faker);
    }
    return bridge;
  };
  const drawSeed = (key: string, attempt: number) => {
    const value = fnv1a(`${seed >>> 0}:${attempt}:${key}`);
    randomizer.seed([seed >>> 0, value]);
    // json-schema-faker's own PRNG takes a positive integer seed.
    return (value % 2147483646) + 1;
  };
  return {
    sample(schema, key, check) {
      let value: unknown;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const draw = drawSeed(key, attempt);
        const resolved = resolveCompositions(unrollRecursion(schema), () => randomizer.next());
        const { faker, outputTransform } = fakerBridge();
        value = generateSync(resolved as SamplerSchema, {
          seed: draw,
          useExamplesValue: true,
          useDefaultValue: true,
          maxDefaultItems: 3,
          propAliases: { 'x-faker': 'faker' },
          extensions: { faker },
          outputTransform,
        });
        if (!check || check(value)) return value;
      }
      return value;
    },
    chance(key) {
      return fnv1a(`${seed >>> 0}:chance:${key}`) / 4294967296;
    },
  };
}
