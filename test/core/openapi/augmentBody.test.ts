import { Ajv2020 } from 'ajv/dist/2020.js';
import { createAugment, OPTIONAL_FIELD_RATE, SAMPLED_VALUES_KEPT } from '../../../src/core/openapi/augmentBody.js';
import type { FieldSlot } from '../../../src/core/openapi/findExtraFields.js';
import { createSchemaSampler } from '../../../src/core/openapi/sampleSchema.js';

const ajv = new Ajv2020({ strict: false });
const check = (schema: object) => {
  const validate = ajv.compile(schema);
  return (value: unknown) => validate(value);
};
const slots: FieldSlot[] = [
  { at: ['data', '*'], name: 'rating', schema: { type: 'integer', minimum: 1, maximum: 5 }, required: true },
  { at: ['data', '*'], name: 'note', schema: { type: 'string', minLength: 3 }, required: false },
  { at: [], name: 'region', schema: { enum: ['us', 'eu'] }, required: true },
];
const job = (id: string) => Object.freeze({ id, object: 'video' });

describe('createAugment', () => {
  const augment = createAugment('listVideos', slots, createSchemaSampler(3), check);

  test('required fields are always added, with values valid for their schema, without touching the input', () => {
    const input = { object: 'list', data: Object.freeze([job('a'), job('b')]) };
    const out = augment(input) as { region: string; data: { rating: number }[] };
    expect(['us', 'eu']).toContain(out.region);
    for (const item of out.data) expect(item.rating).toBeGreaterThanOrEqual(1);
    expect(input).not.toHaveProperty('region');
    expect(input.data[0]).not.toHaveProperty('rating');
  });

  test("a job's values depend on its id, not on where it appears", () => {
    const one = augment({ data: [job('x'), job('y')] }) as { data: object[] };
    const two = augment({ data: [{ id: 'y', object: 'video' }] }) as { data: object[] };
    expect(two.data[0]).toEqual(one.data[1]);
  });

  test('optional fields appear at about the seeded rate', () => {
    const out = augment({ data: Array.from({ length: 400 }, (_, i) => job(`job${i}`)) }) as { data: object[] };
    const share = out.data.filter((item) => 'note' in item).length / 400;
    expect(Math.abs(share - OPTIONAL_FIELD_RATE)).toBeLessThan(0.1);
  });

  test('a frozen input gives the same frozen output every time (cached pages stay cached)', () => {
    const page = Object.freeze([job('p'), job('q')]);
    const first = augment(Object.freeze({ data: page }));
    const body = Object.freeze({ data: page });
    expect(augment(body)).toBe(augment(body));
    expect(Object.isFrozen(augment(body))).toBe(true);
    expect((augment(body) as { data: unknown }).data).toBe((first as { data: unknown }).data);
  });

  test('fields already present are left as they are', () => {
    const out = augment({ region: 'mars', data: [{ id: 'z', rating: 9 }] });
    expect(out).toEqual({ region: 'mars', data: [{ id: 'z', rating: 9, ...('note' in ((out as { data: object[] }).data[0] ?? {}) ? { note: expect.any(String) } : {}) }] });
  });
});

describe('the sampled values augment keeps', () => {
  test(`are capped at ${SAMPLED_VALUES_KEPT}: older ones are made again, equal`, () => {
    const augment = createAugment('op', [{ at: [], name: 'tags', schema: { type: 'array', minItems: 1, items: { type: 'string' } }, required: true }], createSchemaSampler(5), check);
    const tagsOf = (id: string) => (augment({ id }) as { tags: unknown }).tags;
    const first = tagsOf('job0');
    expect(tagsOf('job0')).toBe(first);
    for (let i = 1; i <= SAMPLED_VALUES_KEPT; i++) tagsOf(`job${i}`);
    expect(tagsOf('job0')).not.toBe(first);
    expect(tagsOf('job0')).toEqual(first);
  });
});
