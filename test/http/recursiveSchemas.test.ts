import { ConfigError } from '../../src/core/errors/ConfigError.js';
import { startServer } from '../../src/hosts/express/startServer.js';
import { RECURSION_DEPTH } from '../../src/core/openapi/unrollRecursion.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

interface TreeNode {
  name: string;
  children?: TreeNode[];
}

const node = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
  ...extra,
});

/** A copy of the spec with a recursive schema on Video (domain-served) and in a new operation (schema-served). */
const specPath = writeSpecVariant('recursive', (doc) => {
  doc.components.schemas['Node'] = node() as never;
  const video = doc.components.schemas['Video']!;
  video.properties['tree'] = { $ref: '#/components/schemas/Node' };
  video.required = [...(video.required ?? []), 'tree'];
  doc.components.schemas['Category'] = {
    type: 'object',
    required: ['label', 'subcategories'],
    properties: { label: { type: 'string' }, subcategories: { type: 'array', items: { $ref: '#/components/schemas/Category' } } },
  } as never;
  doc.paths['/v1/categories'] = {
    get: {
      operationId: 'listCategories',
      responses: {
        '200': { description: 'the category tree', content: { 'application/json': { schema: { $ref: '#/components/schemas/Category' } } } },
      },
    },
  };
});
const judge = judgeWith(specPath);

function depthOf(tree: { [key: string]: unknown }, key: string): number {
  const children = (tree[key] as { [key: string]: unknown }[] | undefined) ?? [];
  return 1 + Math.max(0, ...children.map((child) => depthOf(child, key)));
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath, seed: 2 });
});
afterAll(() => server.close());

describe('recursive schemas (valid OpenAPI 3.1) are compiled and sampled to a bounded depth', () => {
  test('a recursive field on Video answers 200 with valid, finite trees', async () => {
    const response = await fetch(`${server.url}/v1/videos?provider=openai&limit=20`, { headers: AUTH });
    const body = (await response.json()) as { data: { tree: TreeNode }[] };
    expect(response.status).toBe(200);
    expect(judge('get', '/v1/videos', 200, body)).toEqual([]);
    for (const job of body.data) {
      expect(typeof job.tree.name).toBe('string');
      expect(depthOf(job.tree as never, 'children')).toBeLessThanOrEqual(RECURSION_DEPTH + 2);
    }
    expect(server.logs).toEqual([]);
  });

  test('a recursive schema with a required recursive array ends in empty arrays', async () => {
    const response = await fetch(`${server.url}/v1/categories`, { headers: AUTH });
    const body = (await response.json()) as { label: string; subcategories: unknown[] };
    expect(response.status).toBe(200);
    expect(judge('get', '/v1/categories', 200, body)).toEqual([]);
    expect(depthOf(body, 'subcategories')).toBeLessThanOrEqual(RECURSION_DEPTH + 2);
    expect(server.logs).toEqual([]);
  });

  test('a body that breaks the recursive schema deep down is refused by the validator', async () => {
    const broken = await startTestServer({
      specPath: writeSpecVariant('recursive-broken-example', (doc) => {
        doc.components.schemas['Node'] = node() as never;
        doc.paths['/v1/trees'] = {
          get: {
            operationId: 'getTree',
            responses: {
              '200': {
                description: 'a tree whose example breaks it three levels down',
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Node' },
                    example: { name: 'a', children: [{ name: 'b', children: [{ name: 7 }] }] },
                  },
                },
              },
            },
          },
        };
      }),
    });
    try {
      const response = await fetch(`${broken.url}/v1/trees`, { headers: AUTH });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('$.children.0.children.0.name') } });
    } finally {
      await broken.close();
    }
  });

  test('a recursive schema that has no finite value is one startup line naming it', async () => {
    const endless = writeSpecVariant('recursive-endless', (doc) => {
      doc.components.schemas['Node'] = node({ required: ['name', 'children'], properties: { name: { type: 'string' }, children: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Node' } } } }) as never;
      doc.components.schemas['Video']!.properties['tree'] = { $ref: '#/components/schemas/Node' };
    });
    const error = await startServer({ specPath: endless, port: 0, log: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/recursive-endless\.json: the recursive schema components\.schemas\.Node has no finite value/);
    expect((error as Error).message).not.toContain('\n');
  });
});
