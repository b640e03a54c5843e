import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createSchemaSampler } from '../../../src/core/openapi/sampleSchema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false }));

const kinds: [string, Record<string, unknown>][] = [
  ['uri', { type: 'string', format: 'uri' }],
  ['email', { type: 'string', format: 'email' }],
  ['date-time', { type: 'string', format: 'date-time' }],
  ['uuid', { type: 'string', format: 'uuid' }],
  ['enum', { enum: ['a', 'b', 'c'] }],
  ['const', { const: 'video' }],
  ['pattern', { type: 'string', pattern: '^vid_[a-f0-9]{6}$' }],
  ['integer range', { type: 'integer', minimum: 10, maximum: 12 }],
  ['string length', { type: 'string', minLength: 4, maxLength: 6 }],
  ['array size', { type: 'array', minItems: 2, maxItems: 2, items: { type: 'boolean' } }],
  ['nullable', { type: ['string', 'null'] }],
  ['oneOf', { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] }],
  ['allOf', { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, { required: ['b'], properties: { b: { type: 'integer' } } }] }],
];

describe('createSchemaSampler', () => {
  const sampler = createSchemaSampler(42);

  test.each(kinds)('%s: 50 keys give values valid for the schema', (_kind, schema) => {
    const validate = ajv.compile(schema);
    for (let i = 0; i < 50; i++) {
      const value = sampler.sample(schema, `key${i}`);
      expect({ value, valid: validate(value) }).toEqual({ value, valid: true });
    }
  });

  test('the same seed and key give the same value; another seed another', () => {
    const schema = { type: 'object', required: ['url', 'n'], properties: { url: { type: 'string', format: 'uri' }, n: { type: 'number' } } };
    expect(createSchemaSampler(42).sample(schema, 'job1')).toEqual(sampler.sample(schema, 'job1'));
    expect(createSchemaSampler(43).sample(schema, 'job1')).not.toEqual(sampler.sample(schema, 'job1'));
  });

  test('examples and default come first', () => {
    expect(sampler.sample({ type: 'string', examples: ['from-example'] }, 'k')).toBe('from-example');
    expect(sampler.sample({ type: 'integer', default: 7 }, 'k')).toBe(7);
  });

  test('x-faker names a faker method, also inside oneOf/anyOf/allOf', () => {
    const image = /^https:\/\/(picsum\.photos|loremflickr\.com)\//;
    expect(sampler.sample({ type: 'string', 'x-faker': 'image.url' }, 'k')).toMatch(image);
    const nested = { oneOf: [{ type: 'string', 'x-faker': 'image.url' }] };
    expect(sampler.sample(nested, 'k')).toMatch(image);
    const merged = { allOf: [{ type: 'object', required: ['pic'], properties: { pic: { type: 'string', 'x-faker': 'image.url' } } }] };
    expect((sampler.sample(merged, 'k') as { pic: string }).pic).toMatch(image);
  });

  test('a check makes it draw again until the value passes', () => {
    let calls = 0;
    const value = sampler.sample({ type: 'integer', minimum: 0, maximum: 1000 }, 'retry', (v) => ++calls > 2 && typeof v === 'number');
    expect(calls).toBe(3);
    expect(typeof value).toBe('number');
  });
});
