import { MockError } from '../../../src/core/errors/MockError.js';

describe('MockError', () => {
  test('carries its status, detail and headers but no stack frames (it is an answer, not a bug)', () => {
    const error = new MockError(429, { message: 'slow down' }, { 'Retry-After': '1' });
    expect(error).toBeInstanceOf(Error);
    expect([error.status, error.message, error.headers]).toEqual([429, 'slow down', { 'Retry-After': '1' }]);
    expect(error.stack ?? '').not.toMatch(/\n\s+at /);
  });

  test('leaves the stack trace limit as it was for every other error', () => {
    const before = Error.stackTraceLimit;
    new MockError(400, { message: 'bad' });
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a bug').stack).toMatch(/\n\s+at /);
  });
});
