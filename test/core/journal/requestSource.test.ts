import { maskKey, MAX_ORIGIN_LENGTH, requestSource, type SourceHeaders } from '../../../src/core/journal/requestSource.js';

const none: SourceHeaders = { mockSource: undefined, authorization: undefined, virtualKey: undefined, origin: undefined };

describe('requestSource', () => {
  test.each([
    ['X-Mock-Source: console', { mockSource: 'console' }, { kind: 'console' }],
    ['X-Mock-Source in any case, with spaces', { mockSource: ' Console ', authorization: 'Bearer sk-bf-0123456789abcdef' }, { kind: 'console' }],
    ['another X-Mock-Source value (an app)', { mockSource: 'my-app', authorization: 'Bearer sk-bf-0123456789abcdef' }, { kind: 'app', key: 'sk-bf-…cdef' }],
    ['a bearer key', { authorization: 'Bearer sk-bf-0123456789abcdef' }, { kind: 'app', key: 'sk-bf-…cdef' }],
    ['x-bf-vk, which wins over Authorization as in auth', { authorization: 'Bearer sk-bf-aaaaaaaaaaaa1111', virtualKey: ' sk-bf-bbbbbbbbbbbb2222 ' }, { kind: 'app', key: 'sk-bf-…2222' }],
    ['a browser app: key and Origin', { authorization: 'Bearer sk-bf-0123456789abcdef', origin: 'http://localhost:5173' }, { kind: 'app', key: 'sk-bf-…cdef', origin: 'http://localhost:5173' }],
    ['no key at all', {}, { kind: 'app' }],
    ['an Authorization that is not a bearer key', { authorization: 'Basic dXNlcjpwYXNz' }, { kind: 'app' }],
  ])('%s', (_what, headers, expected) => {
    expect(requestSource({ ...none, ...headers })).toEqual(expected);
  });

  test('cuts an overlong Origin, so 1,000 journal entries stay small', () => {
    const source = requestSource({ ...none, origin: `http://${'a'.repeat(5000)}.example` });
    expect(source).toMatchObject({ kind: 'app' });
    expect(source.kind === 'app' && source.origin?.length).toBe(MAX_ORIGIN_LENGTH + 1);
  });
});

describe('maskKey', () => {
  test.each([
    ['sk-bf-0123456789abcdef', 'sk-bf-…cdef'],
    ['sk-bf-1a2b', '…2b'],
    ['abc', '…'],
    ['eyJhbGciOiJIUzI1NiJ9.e30.sig-nature', 'eyJhbG…ture'],
  ])('%s → %s', (key, masked) => {
    expect(maskKey(key)).toBe(masked);
  });

  test('never shows more than 10 characters of a key, and always hides some', () => {
    for (let length = 1; length <= 40; length++) {
      const key = 'k'.repeat(length);
      const shown = maskKey(key).replace('…', '');
      expect(shown.length).toBeLessThanOrEqual(Math.min(10, length - 1));
    }
  });
});
