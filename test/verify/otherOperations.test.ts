import { startServer, type RunningServer } from '../../src/hosts/express/startServer.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { writeSpecVariant } from '../support/specVariant.js';

/** The bundled spec plus two operations verify has no rules for: checked from their schemas alone. */
const specPath = writeSpecVariant('verify-other-operations', (doc) => {
  const character = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', pattern: '^char_[0-9]+$' }, name: { type: 'string' } } };
  const error = { $ref: '#/components/responses/BifrostError' };
  doc.paths['/v1/characters/{character_id}'] = {
    get: {
      operationId: 'getCharacter',
      parameters: [
        { name: 'character_id', in: 'path', required: true, schema: { type: 'string', pattern: '^char_[0-9]+$' } },
        { name: 'detail', in: 'query', schema: { type: 'string', enum: ['short', 'full'], default: 'short' } },
      ],
      responses: { '200': { description: 'A character', content: { 'application/json': { schema: character } } }, '400': error, '401': error, default: error },
    },
  };
  doc.paths['/v1/characters'] = {
    post: {
      operationId: 'createCharacter',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 40 }, age: { type: 'integer', minimum: 0 } } } } },
      },
      responses: { '200': { description: 'The new character', content: { 'application/json': { schema: character } } }, '400': error, '401': error, default: error },
    },
  };
});

describe('verify checks the operations of a spec it has no rules for, from their schemas', () => {
  let mock: RunningServer;
  beforeAll(async () => {
    mock = await startServer({ port: 0, jobs: 20, specPath, log: () => {} });
  });
  afterAll(() => mock.close());

  test('a read is sent valid parameters, forbidden ones and no credentials; a write only with lifecycle, and only bodies it must refuse', async () => {
    const report = await verifyServer({ baseUrl: mock.url, specPath, limits: [20] });
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    const about = (operationId: string) => report.checks.filter((c) => c.scope?.startsWith(operationId)).map((c) => `${c.name} [${c.scope}]`);
    expect(about('getCharacter')).toEqual([
      'requests.allowed [getCharacter: parameters drawn from their schemas]',
      'requests.detail-repeated [getCharacter: detail given twice (full, short)]',
      'requests.character_id-pattern [getCharacter: character_id not matching ^char_[0-9]+$ ("verify")]',
      'requests.detail-not-in-enum [getCharacter: detail not one of short, full]',
      'auth.missing-key [getCharacter: no credentials]',
      'auth.invalid-key [getCharacter: a key that is neither sk-bf-... nor a JWT]',
    ]);
    expect(about('createCharacter')).toEqual([]);
    expect(report.coverage.find((row) => row.operationId === 'getCharacter')!.statuses).toEqual([
      { status: '200', exercised: true },
      { status: '400', exercised: true },
      { status: '401', exercised: true },
    ]);

    const writing = await verifyServer({ baseUrl: mock.url, specPath, limits: [20], lifecycle: true, lifecycleTimeoutMs: 1, lifecyclePollMs: 1 });
    const created = writing.checks.filter((c) => c.scope?.startsWith('createCharacter'));
    expect(created.map((c) => [c.name, c.status])).toEqual([
      ['requests.name-missing', 'passed'],
      ['requests.name-wrong-type', 'passed'],
      ['requests.name-too-short', 'passed'],
      ['requests.name-too-long', 'passed'],
      ['requests.age-wrong-type', 'passed'],
      ['requests.age-below-minimum', 'passed'],
      ['requests.verify_unknown_field-unknown-field', 'passed'],
      ['auth.missing-key', 'passed'],
      ['auth.invalid-key', 'passed'],
    ]);
    // Never a valid write it could not undo.
    expect(writing.coverage.find((row) => row.operationId === 'createCharacter')!.statuses.find((s) => s.status === '200')).toEqual({ status: '200', exercised: false });
  });
});
