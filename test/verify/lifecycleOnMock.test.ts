import { startServer } from '../../src/hosts/express/startServer.js';
import { verifyServer } from '../../src/verify/verifyServer.js';

describe('verify --lifecycle against the mock', () => {
  test('create, poll, content and delete all pass, each response judged by the bundled spec', async () => {
    // A live clock rendering fast, so the job finishes within a few polls.
    const server = await startServer({ port: 0, jobs: 20, clock: 'live', renderSpeed: 1000, log: () => {} });
    try {
      const report = await verifyServer({ baseUrl: server.url, limits: [20, 7], lifecycle: true, lifecyclePollMs: 50 });
      const lifecycle = report.checks.filter((c) => c.name.startsWith('lifecycle.'));
      expect(lifecycle.map((c) => [c.name, c.status])).toEqual([
        ['lifecycle.create', 'passed'],
        ['lifecycle.poll', 'passed'],
        ['lifecycle.content', 'passed'],
        ['lifecycle.delete', 'passed'],
      ]);
      expect(lifecycle.find((c) => c.name === 'lifecycle.content')!.detail).toMatch(/^\d+ bytes of video\/mp4$/);
      expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
