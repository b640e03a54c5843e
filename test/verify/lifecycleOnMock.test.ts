import { startServer } from '../../src/hosts/express/startServer.js';
import { verifyServer } from '../../src/verify/verifyServer.js';

describe('verify --lifecycle against the mock', () => {
  test('every operation passes, writes included, each response judged by the bundled spec, and nothing is left behind', async () => {
    // A live clock rendering fast, yet slow enough that polls see the job in progress.
    const server = await startServer({ port: 0, jobs: 20, clock: 'live', renderSpeed: 50, log: () => {} });
    try {
      const report = await verifyServer({ baseUrl: server.url, limits: [20, 7], lifecycle: true, lifecyclePollMs: 50 });
      expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
      const lifecycle = report.checks.filter((c) => c.name.startsWith('lifecycle.'));
      expect(lifecycle.map((c) => c.name)).toEqual([
        'lifecycle.create',
        'lifecycle.listed-first',
        'lifecycle.poll',
        'lifecycle.status',
        'lifecycle.remix',
        'lifecycle.delete',
        'lifecycle.unlisted',
        'lifecycle.cleanup',
      ]);
      expect(lifecycle.find((c) => c.name === 'lifecycle.status')!.detail).toMatch(/^queued\(0\) → in_progress\(\d+\) → .*completed\(100\)$/);
      const created = report.checks.filter((c) => c.scope?.startsWith('created job'));
      expect(created.find((c) => c.name === 'content.video')!.detail).toMatch(/^\d+ bytes of video\/mp4: 1280x720, 8 s$/);
      expect(created.find((c) => c.name === 'content.thumbnail')!.detail).toMatch(/^\d+ bytes of image\/webp, 1280x720$/);
      // Requests the schema allows are accepted in each media type, and those it forbids refused naming the field.
      expect(report.checks.filter((c) => c.name === 'requests.allowed').map((c) => c.scope)).toEqual([
        'createVideo (application/json): only the required fields (prompt, model)',
        'createVideo (multipart/form-data): only the required fields (prompt, model)',
      ]);
      expect(report.checks.filter((c) => c.name.startsWith('requests.') && c.scope?.startsWith('createVideo (multipart')).length).toBeGreaterThan(5);
      // Every operation was exercised: its success status at least.
      for (const row of report.coverage) expect(row.statuses.find((s) => /^2/.test(s.status))).toMatchObject({ exercised: true });
      const listed = await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: { authorization: 'Bearer sk-bf-verify' } });
      expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(20);
    } finally {
      await server.close();
    }
  });
});
