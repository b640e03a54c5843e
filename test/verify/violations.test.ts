import { violationsOf } from '../../src/verify/violations.js';

describe('violationsOf: one forbidden value per rule a schema states', () => {
  test('a bounded string with a pattern: wrong type, empty, too long, pattern', () => {
    const found = violationsOf('size', { type: 'string', minLength: 1, maxLength: 9, pattern: '^[0-9]+x[0-9]+$' });
    expect(found.map((v) => [v.kind, v.value])).toEqual([
      ['wrong-type', 12345],
      ['too-short', ''],
      ['too-long', 'xxxxxxxxxx'],
      ['pattern', 'verify'],
    ]);
  });

  test('a form field carries text only: no number for a string field', () => {
    expect(violationsOf('prompt', { type: 'string', minLength: 1 }, { textOnly: true }).map((v) => v.kind)).toEqual(['too-short']);
  });

  test('an integer range and an enum', () => {
    expect(violationsOf('limit', { type: 'integer', minimum: 1, maximum: 100 }).map((v) => [v.kind, v.value])).toEqual([
      ['wrong-type', 'ten'],
      ['below-minimum', 0],
      ['above-maximum', 101],
    ]);
    expect(violationsOf('variant', { type: 'string', enum: ['video', 'thumbnail'] }, { textOnly: true }).map((v) => [v.kind, v.value])).toEqual([['not-in-enum', 'not_video']]);
  });

  test('a closed object with at least one field: unknown field, no field', () => {
    const found = violationsOf('input_reference', { type: 'object', additionalProperties: false, minProperties: 1, properties: { image_url: { type: 'string' } } });
    expect(found.map((v) => [v.kind, v.value])).toEqual([
      ['wrong-type', 12345],
      ['unknown-field', { verify_unknown_field: 'verify' }],
      ['too-few-fields', {}],
    ]);
  });

  test('a pattern no candidate can break within the lengths gives no case (nothing is sent that the spec allows)', () => {
    expect(violationsOf('id', { type: 'string', pattern: '.*' }).map((v) => v.kind)).toEqual(['wrong-type']);
  });
});
