import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseRules } from '../src/core/faults/parseRules.js';
import { startTestServer } from './support/http.js';

const exec = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (title: string) => readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 3));

describe('the README on the job lifecycle', () => {
  test('the walkthrough (create, poll, play) runs against a live mock and ends with a playable video', async () => {
    const script = /```sh\n([\s\S]*?)```/.exec(section('Build a video app against the mock'))?.[1];
    expect(script).toBeDefined();
    expect(script).toContain('npm start -- --render-speed 10 &');
    const server = await startTestServer({ clock: 'live', renderSpeed: 10, jobs: 20 });
    try {
      const probe = await exec('sh', ['-c', 'command -v ffprobe']).then(() => true, () => false);
      const runnable = script!
        .replace('npm start -- --render-speed 10 &\n', '') // the server is the test's
        .replace('MOCK=http://127.0.0.1:8080', `MOCK=${server.url}`)
        .replace(probe ? '' : /^ffprobe .*$/m, '');
      const cwd = mkdtempSync(join(tmpdir(), 'vjm-walkthrough-'));
      const { stdout } = await exec('sh', ['-c', runnable], { cwd, timeout: 25_000 });
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^created video_[0-9a-f]{48}:openai$/);
      const states = lines.slice(1, probe ? -1 : undefined);
      expect(states.at(-1)).toBe('completed 100');
      const progress = states.map((line) => Number(line.split(' ')[1]));
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      if (probe) expect(lines.at(-1)).toBe('1280,720');
      expect(readFileSync(join(cwd, 'thumbnail.webp')).subarray(8, 12).toString('latin1')).toBe('WEBP');
    } finally {
      await server.close();
    }
  });

  test('the scenario rule it shows is a valid rule', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section('The job lifecycle'))?.[1];
    const rules = parseRules(parse(yaml!), [400, 401, 402, 403, 404, 429, 500, 502, 503, 504]);
    expect(rules[0]).toMatchObject({ match: { operation: 'createVideo', every: 3 }, job: { outcome: 'failed:internal_error', renderSeconds: 10 } });
  });

  test('the clock state it shows is what a frozen server answers', async () => {
    const shown = /`GET \/__mock\/clock` \| `(\{[^`]+\})`/.exec(section('The job lifecycle'))?.[1];
    const server = await startTestServer();
    try {
      expect(await (await fetch(`${server.url}/__mock/clock`)).json()).toEqual(JSON.parse(shown!));
    } finally {
      await server.close();
    }
  });
});

describe("the README's Limits rows for the job lifecycle", () => {
  test('state the caps the code enforces', async () => {
    const { defaultJobStoreLimits, CREATED_JOB_FIXED_BYTES } = await import('../src/core/jobs/createJobStore.js');
    const { CACHED_PAGES, CACHED_PAGE_BYTES } = await import('../src/core/jobs/listPages.js');
    const { BODY_LIMITS } = await import('../src/core/pipeline/bodyLimits.js');
    const limits = section('Limits');
    const row = (what: string) => limits.split('\n').find((line) => line.startsWith(`| ${what} |`)) ?? `(no row "${what}")`;
    const count = (n: number) => n.toLocaleString('en-US');
    expect(row('created jobs (create, remix)')).toContain(`| ${count(defaultJobStoreLimits.maxCreated)} (\`maxCreatedJobs\`) |`);
    expect(row('seeded jobs deleted')).toContain(`| ${count(defaultJobStoreLimits.maxDeleted)} |`);
    const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
    expect(row('memory held by created jobs')).toContain(`| ${mib(defaultJobStoreLimits.maxCreatedBytes)} (\`maxCreatedJobsBytes\`): each prompt counts twice`);
    expect(row('memory held by created jobs')).toContain(`plus ${CREATED_JOB_FIXED_BYTES / 1024} KB a job;`);
    expect(row('list pages kept ready')).toContain(`| ${CACHED_PAGES} pages and ${mib(CACHED_PAGE_BYTES)} per provider`);
    expect(row('request body (JSON, url-encoded form or text), on every operation')).toContain(`| ${BODY_LIMITS.bodyBytes / 1024} KB |`);
    expect(row('multipart body, on every operation')).toContain(
      `| ${BODY_LIMITS.fields} fields of ${BODY_LIMITS.fieldBytes / 1024} KB, ${BODY_LIMITS.files} files of ${BODY_LIMITS.fileBytes / 1024 / 1024} MB |`,
    );
  });
});
