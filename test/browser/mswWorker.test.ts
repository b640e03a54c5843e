import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlock } from '../package/readmeBlocks.js';
import { buildBrowserPage } from '../support/buildBrowserPage.js';
import { chromiumPath, openBrowser, skipMessage, type Browser } from './openBrowser.js';

/**
 * MSW's service worker in Chromium, mocking the API for a page bundled with esbuild from a
 * small app (mswApp/) and the README's browser setup (mocks.ts), with the built package.
 */
if (!chromiumPath) console.warn(skipMessage);
const describeInBrowser = chromiumPath ? describe : describe.skip;
const root = fileURLToPath(new URL('../..', import.meta.url));
const app = fileURLToPath(new URL('./mswApp/', import.meta.url));

interface Report {
  done: boolean;
  error?: string;
  controlled: boolean;
  listed: string[];
  created: { id: string; status: string };
  progress: number[];
  job: { size: string; seconds: string };
  video: { width: number; height: number; duration: number };
  thumbnail: { width: number; height: number };
  journal: string[];
}

/** A static file server for the built page; it notes every path asked of it. */
function serve(dir: string): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(path);
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked })));
}

describeInBrowser(chromiumPath ? 'MSW’s service worker in Chromium, serving the mock to a bundled app' : skipMessage, () => {
  let out: string;
  let site: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let report: Report;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vjm-msw-page-'));
    const src = mkdtempSync(join(tmpdir(), 'vjm-msw-src-'));
    copyFileSync(join(app, 'main.js'), join(src, 'main.js'));
    writeFileSync(join(src, 'mocks.ts'), readmeBlock('ts', "from 'msw/browser'"));
    await buildBrowserPage(join(src, 'main.js'), out);
    copyFileSync(join(app, 'index.html'), join(out, 'index.html'));
    // The worker script must be the installed msw's own (MSW checks its version).
    copyFileSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), join(out, 'mockServiceWorker.js'));
    rmSync(src, { recursive: true, force: true });
    site = await serve(out);
    browser = await openBrowser(site.url);
    browser.page.on('pageerror', (error) => pageErrors.push(error.message));
    await browser.page.goto(`${site.url}/`);
    await browser.page.waitForFunction(() => (globalThis as { __report?: { done: boolean } }).__report?.done === true, null, { timeout: 60_000 });
    report = (await browser.page.evaluate(() => (globalThis as unknown as { __report: unknown }).__report)) as Report;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    site?.server.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('the app ran to its end with the worker in control of the page', () => {
    expect(report.error).toBeUndefined();
    expect(pageErrors).toEqual([]);
    expect(report.controlled).toBe(true);
  });

  test('every API request was answered by the worker: none reached the static server or the network', () => {
    expect(site.asked.filter((path) => /\/(v1|openai)\//.test(path))).toEqual([]);
    expect(site.asked).toContain('/mockServiceWorker.js');
    expect(browser.blocked).toEqual([]);
  });

  test('it listed the seeded jobs, created one and polled it to completion as the clock advanced', () => {
    expect(report.listed).toHaveLength(5);
    expect(report.created.status).toBe('queued');
    expect(report.progress.length).toBeGreaterThan(2);
    expect(report.progress.at(-1)).toBe(100);
    expect(report.progress).toEqual([...report.progress].sort((a, b) => a - b));
    expect(report.journal).toContain(`POST /v1/videos 200`);
    expect(report.journal).toContain(`GET /v1/videos/${report.created.id}/content 200`);
  });

  test('the MP4 plays in a <video> from a blob, with the job’s size and duration', () => {
    const [width, height] = report.job.size.split('x').map(Number);
    expect({ width: report.video.width, height: report.video.height }).toEqual({ width, height });
    expect(Math.abs(report.video.duration - Number(report.job.seconds))).toBeLessThanOrEqual(0.1);
  });

  test('its thumbnail shows in an <img> at the job’s size', () => {
    expect(`${report.thumbnail.width}x${report.thumbnail.height}`).toBe(report.job.size);
  });

  test('the media came as a chunk of its own, fetched once the first content was asked for', () => {
    expect(site.asked.filter((path) => /mediaFiles-[\w-]+\.js$/.test(path))).toHaveLength(1);
  });
});
