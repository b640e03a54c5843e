import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { AUTH, startTestServer } from './support/http.js';
import { judgeWith, writeSpecVariant } from './support/specVariant.js';

const exec = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = /## Your own spec: fields and operations\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

type Schema = { properties?: Record<string, unknown>; required?: string[] };

/** The bundled spec with the README's two YAML excerpts applied, as a user would. */
const specPath = writeSpecVariant('readme-own-spec', (doc) => {
  const [schemas, paths] = blocks('yaml').map((text) => parse(text) as Record<string, unknown>);
  for (const [name, change] of Object.entries(schemas as Record<string, Schema>)) {
    const target = doc.components.schemas[name]!;
    Object.assign(target.properties, change.properties);
    if (change.required) target.required = change.required;
  }
  Object.assign(doc.paths, paths);
});

describe('the README section "Your own spec"', () => {
  test('has the examples this test runs', () => {
    expect(blocks('yaml')).toHaveLength(2);
    expect(blocks('sh')).toHaveLength(1);
    expect(blocks('text')).toHaveLength(2);
  });

  test('its extra fields, its operation, its curl and its startup lines work as shown', async () => {
    const server = await startTestServer({ specPath });
    try {
      const [domainLine, schemaLine] = blocks('text')[0]!.trim().split('\n').map((line) => line.trim());
      expect(domainLine).toBe(`domain-served: ${server.info.operations.domain.join(', ')}`);
      expect(schemaLine).toBe(`schema-served: ${server.info.operations.schema.join(', ')}`);

      const judge = judgeWith(specPath);
      const list = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as { data: Record<string, unknown>[] };
      expect(judge('get', '/v1/videos', 200, list)).toEqual([]);
      for (const job of list.data) expect(new URL(String(job['thumbnail_url'])).href).toBeTruthy();
      const covers = list.data.filter((job) => 'cover_image' in job).length;
      expect(covers).toBeGreaterThan(25);
      expect(covers).toBeLessThan(75);

      const command = blocks('sh')[0]!.trim().replace('http://127.0.0.1:8080', server.url);
      const character = JSON.parse((await exec('sh', ['-c', `curl -s ${command.slice('curl '.length)}`])).stdout) as Record<string, string>;
      expect(judge('get', '/v1/characters/{character_id}', 200, character)).toEqual([]);
      expect(character['name']).toMatch(/^\S+( \S+)+$/);
      const refused = await fetch(`${server.url}/v1/characters/luke`, { headers: AUTH });
      expect(refused.status).toBe(400);
      expect(server.logs).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('its reload failure line is what a broken edit logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vjm-readme-'));
    const mine = join(dir, 'my-openapi.yaml');
    writeFileSync(mine, readFileSync(specPath));
    const server = await startTestServer({ specPath: mine, watch: true });
    try {
      writeFileSync(mine, 'openapi: 3.1.0\npaths: [\n');
      for (let waited = 0; server.logs.length === 0 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const shown = blocks('text')[1]!.trim().replace('my-openapi.yaml', mine);
      expect(server.logs).toHaveLength(1);
      expect(server.logs[0]!.startsWith(shown.replace(/\.\.\.$/, ''))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
