import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { loadSpecSync } from '../../src/files/loadSpecSync.js';
import { validator } from '../support/brokenValues.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems, schemaProblems } from '../support/specJudge.js';
import { baseRequest, brokenRequests, sampledRequests, specOperations, toFetch, type SpecRequest } from '../support/specRequests.js';

/**
 * The mock and openapi.yaml agree, both ways. Every case is derived from the document: each
 * constraint of each operation's parameters and request bodies (JSON and multipart) broken
 * alone must get a spec-valid 400 whose `error.param` names it; requests the schemas allow must
 * not get a 400, unless it is a gateway rule the operation documents as a 400 example (the
 * answer's `error.code` is one of theirs). A constraint added to the spec is covered without a
 * change here; a kind of constraint this cannot break yet fails the suite at load.
 */
const spec = loadSpecSync(defaultSpecPath);
const operations = specOperations(spec);
const broken = operations.flatMap(brokenRequests);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ jobs: 40 });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  body: { error?: { param?: string; code?: string; message?: string } } | undefined;
  problems: string[];
}

async function send(request: SpecRequest): Promise<Answer> {
  const response = await fetch(...toFetch(server.url, request, AUTH));
  if (!response.headers.get('content-type')?.startsWith('application/json')) {
    await response.arrayBuffer();
    return { status: response.status, body: undefined, problems: [] };
  }
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, body, problems: schemaProblems(response.status, body, request.path, request.method.toLowerCase()) };
}

describe('requests openapi.yaml forbids', () => {
  test('every operation with a constrained parameter or body has cases, for JSON and multipart alike', () => {
    const covered = new Set(broken.map((b) => `${b.request.operationId} ${b.request.body?.mediaType ?? ''}`.trim()));
    for (const op of operations) {
      if (op.parameters.length > 0) expect(covered).toContain(op.operationId);
      for (const mediaType of op.body?.schemas.keys() ?? []) expect(covered).toContain(`${op.operationId} ${mediaType}`);
    }
    // The rules the issue found missing from the spec are among them.
    const names = broken.map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining([
      'createVideo application/json: model breaks required',
      'createVideo multipart/form-data: model breaks required',
      'createVideo multipart/form-data: prompt breaks minLength',
      'createVideo multipart/form-data: size breaks pattern',
      'retrieveVideo path parameter video_id breaks pattern ("x")',
    ]));
  });

  test.each(broken.map((b) => [b.name, b] as const))('%s: a spec-valid 400 naming it', async (_name, { request, param }) => {
    const answer = await send(request);
    expect(answer.problems).toEqual([]);
    expect({ status: answer.status, param: answer.body?.error?.param }).toEqual({ status: 400, param });
  });
});

describe('requests openapi.yaml allows', () => {
  /** Jobs of the seeded world in each status, so the rules on a job's state are met too. */
  let seededIds: string[] = [];
  beforeAll(async () => {
    const list = operations.find((op) => op.operationId === 'listVideos')!;
    const answer = await fetch(...toFetch(server.url, { ...baseRequest(list), params: { query: { provider: 'openai', limit: 100 }, path: {}, header: {} } }, AUTH));
    const { data } = (await answer.json()) as { data: { id: string; status: string }[] };
    seededIds = ['queued', 'in_progress', 'completed', 'failed'].flatMap((status) => data.filter((v) => v.status === status).slice(0, 2).map((v) => v.id));
    expect(seededIds.length).toBeGreaterThanOrEqual(4);
  });
  // A delete of one operation's turn must not leave the next without its completed jobs.
  afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

  test('the base request of every operation is valid by its own schemas', () => {
    for (const op of operations) {
      for (const mediaType of op.body?.schemas.keys() ?? [undefined]) {
        const request = baseRequest(op, mediaType);
        for (const p of op.parameters.filter((p) => p.required)) expect(validator(p.schema)(request.params[p.in][p.name])).toBe(true);
        if (mediaType) expect(validator(op.body!.schemas.get(mediaType)!)(request.body?.value)).toBe(true);
      }
    }
  });

  test.each(operations.map((op) => [op.operationId, op] as const))('%s: no 400 but for a gateway rule its 400 examples document', async (_id, op) => {
    const documented = new Set(Object.values(op.examples400).map((e) => (e as Answer['body'])?.error?.code));
    expect(documented.size).toBeGreaterThan(0);
    expect(documented).not.toContain(undefined);
    const requests = [
      ...[...(op.body?.schemas.keys() ?? [undefined])].map((mediaType) => baseRequest(op, mediaType)),
      ...sampledRequests(op, 16, 7),
      // The same base request for each seeded job, when the operation takes a job's id.
      ...op.parameters
        .filter((p) => p.in === 'path')
        .flatMap((p) => seededIds.map((id) => { const r = baseRequest(op); return { ...r, params: { ...r.params, path: { ...r.params.path, [p.name]: id } } }; })),
    ];
    expect(requests.length).toBeGreaterThanOrEqual(12);
    const refused: string[] = [];
    let succeeded = 0;
    for (const request of requests) {
      const answer = await send(request);
      expect(answer.problems).toEqual([]);
      expect(answer.status).toBeLessThan(500);
      if (answer.status < 300) succeeded += 1;
      if (answer.status !== 400) continue;
      const code = answer.body?.error?.code;
      if (code === undefined || !documented.has(code)) refused.push(`${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null).slice(0, 200)} -> ${JSON.stringify(answer.body?.error)}`);
    }
    expect(refused).toEqual([]);
    // Not all turned away by gateway rules: the happy path was walked too.
    expect(succeeded).toBeGreaterThan(0);
  });

  test('every documented gateway rule is a BifrostError with a code and a message', () => {
    for (const op of operations) {
      for (const [name, example] of Object.entries(op.examples400)) {
        expect([`${op.operationId}.${name}`, errorSchemaProblems(example)]).toEqual([`${op.operationId}.${name}`, []]);
        expect(example).toMatchObject({ status_code: 400, error: { code: expect.any(String), message: expect.any(String) } });
      }
    }
  });
});
