import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../src/files/loadSpec.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { advanceClock } from '../support/videoApi.js';

const bundledSpec = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
const bundledProviders = new URL('../../fixtures/providers.json', import.meta.url);
const LIMIT_MAX = 'minimum: 1\n            maximum: 100\n';
/** For waits that check behaviour, not speed (the machine may be busy). */
const SOON = 5000;

/** Status of `GET /v1/videos?...` on the server. */
async function status(server: TestServer, query: string, headers: Record<string, string> = {}): Promise<number> {
  return (await fetch(`${server.url}/v1/videos?provider=openai&${query}`, { headers: { ...AUTH, ...headers } })).status;
}

/** Polls until `check` holds; returns how long it took, or throws after `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function health(server: TestServer): Promise<Record<string, unknown>> {
  return (await (await fetch(`${server.url}/__mock/health`)).json()) as Record<string, unknown>;
}

/** Saves like most editors: write a temporary file, then rename it over the original. */
function save(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Edits the providers file: azure no longer lists (the catalog wants both fields to agree). */
function stopAzureListing(): void {
  const catalog = JSON.parse(readFileSync(providers, 'utf8')) as { providers: { name: string; canList: boolean; operations?: string[] }[] };
  const azure = catalog.providers.find((p) => p.name === 'azure')!;
  azure.canList = false;
  azure.operations = azure.operations?.filter((operation) => operation !== 'video_list');
  save(providers, JSON.stringify(catalog));
}

let dir: string;
let spec: string;
let providers: string;
let faults: string;
let server: TestServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vjm-watch-'));
  spec = join(dir, 'openapi.yaml');
  providers = join(dir, 'providers.json');
  faults = join(dir, 'faults.yaml');
  writeFileSync(spec, bundledSpec);
  copyFileSync(bundledProviders, providers);
  writeFileSync(faults, 'rules:\n  - name: teapot\n    match: { query: { order: asc } }\n    respond: { preset: rate_limited }\n');
  server = await startTestServer({ specPath: spec, providersPath: providers, faultsPath: faults, watch: true });
});
afterEach(() => server.close());

describe('--watch', () => {
  test('an edit of the spec (limit maximum 100 → 50) is served within a second', async () => {
    expect(bundledSpec).toContain(LIMIT_MAX);
    expect(await status(server, 'limit=60')).toBe(200);
    expect(server.info.watching).toEqual([spec, providers, faults]);
    // Most of a reload is checking the document against the OpenAPI schema (the parser
    // compiles that schema on every call). On a free machine that is ~0.2 s; this machine is
    // shared, so the bound is a second or, when it is busy, three spec loads timed just now
    // (a reload is one load plus the watcher's debounce and the swap; two proved too tight).
    // The load timed is the edited spec's, as the reload's: the bundled one is vetted and skips the check.
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    const calibration = performance.now();
    await loadSpec(edited);
    const budget = Math.max(1000, 3 * (performance.now() - calibration));
    writeFileSync(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    const took = await within(budget, async () => (await status(server, 'limit=60')) === 400);
    expect(took).toBeLessThan(budget);
    expect(await health(server)).toMatchObject({ version: 2, specVersion: '1.0.0', lastReloadError: null });
    expect(server.logs).toEqual([expect.stringMatching(/^reload: now serving version 2 \(.*openapi\.yaml changed, loaded in \d+ ms\)$/)]);
  });

  test('a broken edit keeps the previous version running and logs one line naming the file', async () => {
    save(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    await within(SOON, async () => (await status(server, 'limit=60')) === 400);
    save(spec, 'openapi: 3.1.0\npaths: [\n');
    await within(SOON, async () => (await health(server))['lastReloadError'] !== null);
    expect(await status(server, 'limit=60')).toBe(400); // still the edited version
    expect(await status(server, 'limit=50')).toBe(200);
    const failures = server.logs.filter((line) => line.startsWith('reload failed'));
    expect(failures).toEqual([`reload failed, still serving version 2: ${spec}: not valid YAML or JSON: ${failures[0]!.split('not valid YAML or JSON: ')[1]}`]);
    expect(await health(server)).toMatchObject({ version: 2, lastReloadError: expect.stringContaining(spec) });
    // Fixing the file brings it back, and clears the error.
    save(spec, bundledSpec);
    await within(SOON, async () => (await status(server, 'limit=60')) === 200);
    expect(await health(server)).toMatchObject({ version: 3, lastReloadError: null });
  });

  test('a spec that loads but cannot be served (no listVideos) is refused the same way', async () => {
    save(spec, bundledSpec.replace('operationId: listVideos', 'operationId: listEverything'));
    await within(SOON, async () => (await health(server))['lastReloadError'] !== null);
    expect(String((await health(server))['lastReloadError'])).toBe(`${spec}: no operation with operationId listVideos`);
    expect(await status(server, 'limit=5')).toBe(200);
  });

  test('a good edit of one file does not clear the error of another that is still broken', async () => {
    save(faults, 'rules: [\n');
    await within(SOON, async () => (await health(server))['lastReloadError'] !== null);
    expect(String((await health(server))['lastReloadError'])).toContain(faults);
    save(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    await within(SOON, async () => (await status(server, 'limit=60')) === 400);
    expect(String((await health(server))['lastReloadError'])).toContain(faults); // still broken on disk
    save(faults, 'rules: []\n');
    await within(SOON, async () => (await health(server))['lastReloadError'] === null);
    expect(await status(server, 'order=asc')).toBe(200); // the fixed file's (empty) rules are in force
  });

  test('requests in flight during a reload finish, answered by the version they started in', async () => {
    const slow = status(server, 'limit=60', { 'X-Mock-Fault': 'slow:3000' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    save(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    await within(SOON, async () => (await status(server, 'limit=60')) === 400);
    expect(await slow).toBe(200); // answered by the version it started in
  });

  test('the fault rules survive a spec reload, and a faults edit replaces them, saying so', async () => {
    expect(await status(server, 'order=asc')).toBe(429);
    save(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    await within(SOON, async () => (await status(server, 'limit=60')) === 400);
    const rules = async () => ((await (await fetch(`${server.url}/__mock/faults`)).json()) as { rules: { rule: { name: string }; applied: number }[] }).rules;
    expect(await rules()).toEqual([expect.objectContaining({ rule: expect.objectContaining({ name: 'teapot' }), applied: 1 })]);
    save(faults, 'rules:\n  - name: coffee\n    match: { query: { order: desc } }\n    respond: { preset: provider_unavailable }\n');
    await within(SOON, async () => (await status(server, 'order=desc')) === 503);
    expect(await status(server, 'order=asc')).toBe(200);
    expect(server.logs).toContain(`reload: ${faults}: 1 fault rule(s) from the file replace the rules in force (counters restart)`);
  });

  test('a providers edit changes who can list', async () => {
    stopAzureListing();
    await within(SOON, async () => (await fetch(`${server.url}/v1/videos?provider=azure`, { headers: AUTH })).status === 400);
  });

  test('a reload that rebuilds the seeded jobs keeps the clock, created jobs and deletions', async () => {
    const created = (await (
      await fetch(`${server.url}/v1/videos`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/sora-2', prompt: 'a lighthouse at dusk' }),
      })
    ).json()) as { id: string };
    const moved = await advanceClock(server, 3600);
    const page = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as {
      data: { id: string; status: string }[];
    };
    const finished = page.data.find((job) => job.id !== created.id && (job.status === 'completed' || job.status === 'failed'))!;
    expect((await fetch(`${server.url}/v1/videos/${finished.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(200);

    stopAzureListing();
    await within(SOON, async () => (await fetch(`${server.url}/v1/videos?provider=azure`, { headers: AUTH })).status === 400);

    expect((await fetch(`${server.url}/v1/videos/${created.id}`, { headers: AUTH })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/videos/${finished.id}`, { headers: AUTH })).status).toBe(404);
    const clock = (await (await fetch(`${server.url}/__mock/clock`)).json()) as { nowUnix: number };
    expect(clock.nowUnix).toBe(moved.nowUnix);
  });

  test('after storms of saves by rename, every third broken, the next good save is served and the health tells each file the truth', async () => {
    const rule = (name: string, preset: string) => `rules:\n  - name: ${name}\n    match: { query: { order: asc } }\n    respond: { preset: ${preset} }\n`;
    const ruleNames = async () =>
      ((await (await fetch(`${server.url}/__mock/faults`)).json()) as { rules: { rule: { name: string } }[] }).rules.map((r) => r.rule.name);
    const files = async () => (await health(server))['files'] as Record<string, { version: number; error: string | null }>;
    for (let storm = 0; storm < 3; storm++) {
      // Ends on a broken save: the health says why the file on disk does not load, and what is in force is a good
      // version (the one before the storm, or a good save that a reload during the storm read).
      for (let save = 1; save <= 99; save++) {
        writeFileSync(`${faults}.tmp`, save % 3 === 0 ? 'rules: [\n' : rule(`storm-${storm}-${save}`, 'rate_limited'));
        renameSync(`${faults}.tmp`, faults);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await within(SOON, async () => (await files())[faults]!.error !== null);
      const before = storm === 0 ? 'teapot' : `fixed-${storm - 1}`;
      const goodSaves = Array.from({ length: 99 }, (_, i) => i + 1).filter((save) => save % 3 !== 0).map((save) => `storm-${storm}-${save}`);
      expect([before, ...goodSaves]).toContain((await ruleNames())[0]);
      expect((await health(server))['lastReloadError']).toEqual(expect.stringContaining(`${faults}: not valid YAML or JSON`));
      expect((await files())[spec]).toEqual({ version: 1, error: null });

      save(faults, rule(`fixed-${storm}`, 'provider_unavailable'));
      await within(SOON, async () => (await ruleNames())[0] === `fixed-${storm}`);
      expect(await status(server, 'order=asc')).toBe(503);
      const after = await health(server);
      expect(after).toMatchObject({ lastReloadError: null });
      expect((after['files'] as Record<string, unknown>)[faults]).toEqual({ version: after['version'], error: null });
    }
    // An edit in place is still seen.
    writeFileSync(faults, rule('in-place', 'rate_limited'));
    await within(SOON, async () => (await status(server, 'order=asc')) === 429);
  });

  test('files changed together load on their own: a broken one does not hold back the others', async () => {
    save(faults, 'rules: [\n');
    save(spec, bundledSpec.replace(LIMIT_MAX, LIMIT_MAX.replace('100', '50')));
    await within(SOON, async () => (await status(server, 'limit=60')) === 400);
    await within(SOON, async () => (await health(server))['lastReloadError'] !== null);
    const now = await health(server);
    const files = now['files'] as Record<string, { version: number; error: string | null }>;
    expect(files[spec]).toEqual({ version: now['version'], error: null });
    expect(files[providers]).toEqual({ version: 1, error: null });
    expect(files[faults]).toEqual({ version: 1, error: expect.stringContaining(`${faults}: not valid YAML or JSON`) });
    expect(await status(server, 'order=asc')).toBe(429); // the rules loaded at start are still in force
  });
});
