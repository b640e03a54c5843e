import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('--admin-origin', () => {
  test('is documented in --help', () => {
    const { stdout } = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(stdout).toMatch(/--admin-origin <urls>/);
  });

  test('a value that is not an http(s) origin: one line naming it, exit 1', () => {
    const { status, stderr } = spawnSync(process.execPath, [cli, '--admin-origin', 'ftp://files.example', '--port', '0'], { encoding: 'utf8', timeout: 15000 });
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/--admin-origin.*"ftp:\/\/files\.example" is not an http\(s\) origin/);
  });

  test('the listed origin may use the admin API from a browser; the console address is printed', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--admin-origin', 'http://app.localtest.example:5173/'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match?.[1] && stdout.includes('try:')) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(stdout).toContain(`console ${url}/__mock/`);
      const response = await fetch(`${url}/__mock/faults`, { headers: { Origin: 'http://app.localtest.example:5173' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://app.localtest.example:5173');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
