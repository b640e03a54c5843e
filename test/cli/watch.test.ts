import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledDocument, writeSpecVariant, type SpecDocument } from '../support/specVariant.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const addPing = (doc: SpecDocument) => {
  doc.paths['/v1/ping'] = {
    get: {
      operationId: 'ping',
      responses: { '200': { description: 'pong', content: { 'application/json': { schema: { const: 'pong' } } } } },
    },
  };
};

describe('video-jobs-mock --watch', () => {
  test('startup lists domain- and schema-served operations; an operation added on disk is served', async () => {
    const specPath = writeSpecVariant('cli-watch', addPing);
    const child = spawn(process.execPath, [cli, '--port', '0', '--watch', '--spec', specPath]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match?.[1] && stdout.includes('try:')) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}${stderr}`)));
      });
      expect(stdout).toContain('domain-served: listVideos, createVideo, retrieveVideo, deleteVideo, remixVideo, downloadVideoContent\n');
      expect(stdout).toContain('schema-served: ping\n');
      expect(stdout).toContain(`watching ${specPath}, `);
      const get = (path: string) => fetch(`${url}${path}`, { headers: { 'x-bf-vk': 'sk-bf-cli' } });
      expect(await (await get('/v1/ping')).json()).toBe('pong');
      expect((await get('/v1/pong')).status).toBe(404);

      const edited = bundledDocument();
      addPing(edited);
      edited.paths['/v1/pong'] = structuredClone(edited.paths['/v1/ping']!);
      (edited.paths['/v1/pong']['get'] as { operationId: string }).operationId = 'pong';
      writeFileSync(specPath, JSON.stringify(edited));
      for (let waited = 0; (await get('/v1/pong')).status !== 200; waited += 50) {
        if (waited > 10_000) throw new Error(`not reloaded: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stderr).toMatch(/reload: now serving version 2/);
      expect(stderr).toContain('reload: schema-served operations now ping, pong');
    } finally {
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
  });
});
