import { MockError } from './MockError.js';

/**
 * Every error the mock produces on its own, with the real gateway's messages where known
 * (see shared/gateway-facts.md). Fault presets build on the same class.
 */
export const errors = {
  missingParameter: (name: string) =>
    new MockError(400, { message: `${name} query parameter is required`, param: name }),

  invalidParameter: (name: string, reason: string) =>
    new MockError(400, { message: `invalid ${name} parameter: ${reason}`, param: name }),

  repeatedParameter: (name: string) =>
    new MockError(400, {
      message: `invalid ${name} parameter: must be given at most once`,
      param: name,
    }),

  unknownProvider: (provider: string) =>
    new MockError(400, {
      message: `failed to get config for provider: ${provider}: provider is not configured`,
      param: 'provider',
    }),

  unsupportedOperation: (provider: string) =>
    new MockError(400, {
      message: `video_list is not supported by ${provider} provider`,
      code: 'unsupported_operation',
      param: 'provider',
    }),

  unknownCursor: (after: string, provider: string) =>
    new MockError(400, {
      message: `invalid after parameter: no ${provider} video with id ${after}`,
      type: 'invalid_request_error',
      param: 'after',
    }),

  invalidBodyField: (field: string, reason: string) =>
    new MockError(400, {
      message: reason === 'is required' ? `${field} is required` : `invalid ${field}: ${reason}`,
      type: 'invalid_request_error',
      param: field,
    }),

  missingBody: (mediaTypes: readonly string[]) =>
    new MockError(400, {
      message: `a request body is required (${mediaTypes.join(' or ')})`,
      type: 'invalid_request_error',
      param: 'body',
    }),

  unreadableBody: (reason: string) =>
    new MockError(400, { message: `the request body cannot be read: ${reason}`, type: 'invalid_request_error', param: 'body' }),

  unsupportedMediaType: (given: string, accepted: readonly string[]) =>
    new MockError(415, {
      message: `Content-Type ${given || '(none)'} is not accepted here; send ${accepted.join(' or ')}`,
      type: 'invalid_request_error',
    }),

  bodyTooLarge: (what: string) =>
    new MockError(413, { message: `the request body is too large: ${what}`, type: 'invalid_request_error', param: 'body' }),

  virtualKeyRequired: () =>
    new MockError(401, {
      message:
        'virtual key is required. Provide a virtual key via the Authorization header (Bearer sk-bf-...) or the x-bf-vk header.',
      type: 'virtual_key_required',
    }),

  virtualKeyNotFound: () =>
    new MockError(401, {
      message: 'virtual key not found. Check that the key exists and has not been revoked.',
      type: 'virtual_key_not_found',
    }),

  routeNotFound: (method: string, path: string) =>
    new MockError(404, { message: `no route for ${method} ${path}`, type: 'not_found' }),

  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new MockError(
      405,
      { message: `method ${method} is not allowed on ${path}`, type: 'method_not_allowed' },
      { Allow: allowed.join(', ') },
    ),

  uriTooLong: (limit: number) =>
    new MockError(414, { message: `the URL is longer than ${limit} characters`, type: 'invalid_request_error' }),

  contractViolation: (problems: readonly string[]) =>
    new MockError(500, {
      message: `the mock built a response that breaks openapi.yaml: ${problems.join('; ')}`,
      type: 'mock_contract_violation',
    }),

  heldCeiling: (ceiling: number) =>
    new MockError(503, {
      message: `the mock already holds ${ceiling} connections open for hang and slow faults (its ceiling); this one is answered at once`,
      type: 'mock_held_ceiling',
    }),

  internal: () =>
    new MockError(500, { message: 'internal error in the mock server', type: 'internal_error' }),
};
