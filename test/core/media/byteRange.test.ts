import { byteRange, type ByteRange } from '../../../src/core/media/byteRange.js';

const TOTAL = 1000;

describe('byteRange against a 1000-byte file', () => {
  test.each<[string, string | undefined, ByteRange]>([
    ['no Range header sends the whole file', undefined, undefined],
    ['bytes=0-499 selects the first 500 bytes', 'bytes=0-499', { start: 0, end: 499 }],
    ['bytes=500-999 selects the last 500 bytes', 'bytes=500-999', { start: 500, end: 999 }],
    ['bytes=999-999 selects the last byte', 'bytes=999-999', { start: 999, end: 999 }],
    ['bytes=500- selects from byte 500 to the end', 'bytes=500-', { start: 500, end: 999 }],
    ['bytes=0- selects the whole file as a range', 'bytes=0-', { start: 0, end: 999 }],
    ['bytes=-200 selects the last 200 bytes', 'bytes=-200', { start: 800, end: 999 }],
    ['a suffix longer than the file selects the whole file', 'bytes=-5000', { start: 0, end: 999 }],
    ['a last position past the end is clamped to the last byte', 'bytes=10-5000', { start: 10, end: 999 }],
    ['a last position too big for a number is clamped too', 'bytes=0-99999999999999999999', { start: 0, end: 999 }],
    ['the unit is case-insensitive', 'Bytes=0-9', { start: 0, end: 9 }],
    ['spaces around the unit and the range are tolerated', ' bytes = 0-9 ', { start: 0, end: 9 }],
    ['an empty list element is ignored', 'bytes=0-9,', { start: 0, end: 9 }],
    ['a first position at the end is unsatisfiable', 'bytes=1000-1999', 'unsatisfiable'],
    ['an open range starting at the end is unsatisfiable', 'bytes=1000-', 'unsatisfiable'],
    ['a first position too big for a number is unsatisfiable', 'bytes=99999999999999999999-', 'unsatisfiable'],
    ['a zero-length suffix is unsatisfiable', 'bytes=-0', 'unsatisfiable'],
    ['two ranges send the whole file', 'bytes=0-9,20-29', undefined],
    ['two ranges send the whole file even when one is unsatisfiable', 'bytes=0-9,2000-2999', undefined],
    ['another unit is ignored', 'items=0-9', undefined],
    ['a last position before the first is ignored', 'bytes=9-0', undefined],
    ['a range with neither position is ignored', 'bytes=-', undefined],
    ['letters are ignored', 'bytes=abc', undefined],
    ['three positions are ignored', 'bytes=1-2-3', undefined],
    ['hex positions are ignored', 'bytes=0x10-20', undefined],
    ['signed positions are ignored', 'bytes=+1-2', undefined],
    ['fractional positions are ignored', 'bytes=1.5-2', undefined],
    ['a unit without ranges is ignored', 'bytes=', undefined],
    ['a unit without "=" is ignored', 'bytes', undefined],
    ['an empty header is ignored', '', undefined],
  ])('%s', (_name, header, expected) => {
    expect(byteRange(header, TOTAL)).toEqual(expected);
  });
});

describe('byteRange against an empty file', () => {
  test.each<[string, string, ByteRange]>([
    ['a range from the start is unsatisfiable', 'bytes=0-', 'unsatisfiable'],
    ['a suffix is unsatisfiable', 'bytes=-1', 'unsatisfiable'],
  ])('%s', (_name, header, expected) => {
    expect(byteRange(header, 0)).toEqual(expected);
  });
});

test('a header of thousands of ranges is answered at once with the whole file', () => {
  const header = `bytes=${'0-1,'.repeat(4000)}`;
  const started = performance.now();
  expect(byteRange(header, TOTAL)).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(100);
});
