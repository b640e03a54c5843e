import { REQUIRED_FIELD, UNKNOWN_FIELD } from '../openapi/fieldReasons.js';
import { MockError } from './MockError.js';

/**
 * Every error the mock produces on its own, with the real gateway's messages where known
 * (see shared/gateway-facts.md). Fault presets build on the same class. A 400 for a rule the
 * spec's schemas cannot state (the provider catalog, a job's state) carries an `error.code`
 * that names the rule: openapi.yaml documents each with an example under that code.
 */
export const errors = {
  missingParameter: (name: string, location = 'query') =>
    new MockError(400, { message: `${name} ${location} parameter is required`, param: name }),

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
      code: 'unknown_provider',
      param: 'provider',
    }),

  unsupportedOperation: (provider: string, requestType = 'video_list') =>
    new MockError(400, {
      message: `${requestType} is not supported by ${provider} provider`,
      code: 'unsupported_operation',
      param: 'provider',
    }),

  unknownCursor: (after: string, provider: string) =>
    new MockError(400, {
      message: `invalid after parameter: no ${provider} video with id ${after}`,
      type: 'invalid_request_error',
      code: 'unknown_cursor',
      param: 'after',
    }),

  invalidBodyField: (field: string, reason: string) =>
    new MockError(400, {
      message:
        reason === REQUIRED_FIELD ? `${field} is required` : reason === UNKNOWN_FIELD ? `unknown field ${field}` : `invalid ${field}: ${reason}`,
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
      param: 'Content-Type',
    }),

  // The job lifecycle (shared/gateway-facts.md, "The rest of the video API"). The gateway
  // reports its own checks of the unified API with is_bifrost_error false.
  videoIdRequired: () =>
    new MockError(400, { message: 'video_id is required', param: 'video_id', isBifrostError: false }),

  invalidVideoIdEncoding: () =>
    new MockError(400, { message: 'invalid video_id encoding', param: 'video_id', isBifrostError: false }),

  videoIdFormat: () =>
    new MockError(400, { message: 'video_id must be in id:provider format', param: 'video_id', isBifrostError: false }),

  videoNotFound: (id: string) =>
    new MockError(404, {
      message: `Video with id '${id}' not found.`,
      type: 'invalid_request_error',
      code: 'video_not_found',
      param: 'video_id',
      isBifrostError: false,
    }),

  promptEmpty: () =>
    new MockError(400, { message: 'prompt cannot be empty', param: 'prompt', isBifrostError: false }),

  promptRequired: () =>
    new MockError(400, { message: 'prompt is required', param: 'prompt', isBifrostError: false }),

  modelFormat: () =>
    new MockError(400, { message: 'model should be in provider/model format', param: 'model', isBifrostError: false }),

  invalidField: (field: string, reason: string) =>
    new MockError(400, { message: `invalid ${field}: ${reason}`, type: 'invalid_request_error', param: field }),

  /** The provider's answer to a value it does not support (OpenAI's wording). */
  unsupportedValue: (field: string, value: string, supported: readonly string[]) =>
    new MockError(400, {
      message: `Invalid value: '${value}'. Supported values are: ${supported.map((v) => `'${v}'`).join(', ')}.`,
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: field,
      isBifrostError: false,
    }),

  /**
   * OpenAI's own answer (passed through by the gateway) to an input reference whose size is not
   * the video's; its message begins as OpenAI's does, so a search for it finds the cause.
   */
  referenceSizeMismatch: (image: { width: number; height: number }, size: string) =>
    new MockError(400, {
      message: `Inpaint image must match the requested width and height: the input_reference is ${image.width}x${image.height}, the video ${size}; send a PNG, JPEG or WebP image of ${size}`,
      type: 'invalid_request_error',
      // OpenAI sends no code; this one names the rule, as every documented 400 here does, and is
      // the code a job of an unusable reference fails with.
      code: 'invalid_input_reference',
      param: 'input_reference',
      isBifrostError: false,
    }),
  videoNotReady: (status: string) =>
    new MockError(400, {
      message: `video not ready, current status: ${status}`,
      type: 'invalid_request_error',
      code: 'video_not_ready',
      isBifrostError: false,
    }),

  notDeletable: (status: string) =>
    new MockError(400, {
      message: `video cannot be deleted while ${status}: only completed or failed videos can be deleted`,
      type: 'invalid_request_error',
      code: 'video_not_deletable',
      isBifrostError: false,
    }),

  tooManyDeletions: (max: number) =>
    new MockError(400, {
      message: `the mock keeps at most ${max} deletions of seeded videos; POST /__mock/reset to start over`,
      type: 'mock_limit_reached',
      code: 'too_many_deletions',
    }),

  bodyTooLarge: (reason: string) =>
    new MockError(413, { message: `request body too large: ${reason}`, type: 'invalid_request_error', param: 'body' }),

  invalidBody: (reason: string, param?: string) =>
    new MockError(400, { message: `invalid request body: ${reason}`, type: 'invalid_request_error', ...(param !== undefined && { param }) }),

  invalidOutcomeHeader: (value: string) =>
    new MockError(400, {
      message: `invalid X-Mock-Outcome header: "${value}" (expected completed, failed or failed:<code>)`,
      type: 'invalid_request_error',
      param: 'X-Mock-Outcome',
    }),

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
