/**
 * The SHA-256 of the bundled openapi.yaml, which test/files/loadSpec.test.ts checks against the
 * OpenAPI 3.1 schema. A spec with exactly this text skips that check when it is loaded (the
 * check compiles the OpenAPI schema with ajv: a third of a start); any other text, the bundled
 * file once edited included, is checked in full. When openapi.yaml changes, that test fails and
 * gives the digest to put here.
 */
export const VALIDATED_SPEC_SHA256 = 'cee3c183e4f80a9fedf45ccb985d01e504b8e88aa92b8f29104c519a5c0150ee';
