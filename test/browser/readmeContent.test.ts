import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readmeBlock } from '../package/readmeBlocks.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { advanceClock } from '../support/videoApi.js';
import { chromiumPath, openBrowser, skipMessage, type Browser } from './openBrowser.js';

/**
 * The README's browser snippet, as written, on a page of another origin (a frontend on its own
 * port): it shows a job's video and thumbnail from blob URLs, where a plain `<video src>` cannot
 * send the key.
 */
if (!chromiumPath) console.warn(skipMessage);
const describeInBrowser = chromiumPath ? describe : describe.skip;

describeInBrowser(chromiumPath ? "the README's content snippet in headless Chromium" : skipMessage, () => {
  let mock: TestServer;
  let app: Server;
  let appUrl: string;
  let browser: Browser;
  let id: string;
  beforeAll(async () => {
    mock = await startTestServer({ jobs: 0 });
    // The frontend's own origin: a blank page on another port.
    app = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    browser = await openBrowser('http://127.0.0.1:');
    const created = await fetch(`${mock.url}/v1/videos`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'A paper boat', model: 'openai/sora-2', size: '1280x720', seconds: '8' }),
    });
    id = ((await created.json()) as { id: string }).id;
    await advanceClock(mock, 3600);
    await browser.page.goto(appUrl);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  test('showJob(id, video, img) plays the video and shows the thumbnail from blob URLs, cross-origin', async () => {
    const snippet = readmeBlock('js', 'async function showJob').replace("'http://127.0.0.1:8080'", JSON.stringify(mock.url));
    const shown = await browser.page.evaluate(`(async () => {
      ${snippet}
      const video = document.createElement('video');
      const thumbnail = document.createElement('img');
      video.muted = true;
      document.body.append(video, thumbnail);
      const loaded = Promise.all([
        new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = () => reject(new Error('video error')); }),
        new Promise((resolve, reject) => { thumbnail.onload = resolve; thumbnail.onerror = () => reject(new Error('image error')); }),
      ]);
      await showJob(${JSON.stringify(id)}, video, thumbnail);
      await loaded;
      return { src: video.src, duration: video.duration, width: video.videoWidth, height: video.videoHeight, thumbnail: [thumbnail.naturalWidth, thumbnail.naturalHeight] };
    })()`);
    expect(shown).toMatchObject({ width: 1280, height: 720, thumbnail: [1280, 720] });
    expect((shown as { src: string }).src).toMatch(/^blob:/);
    expect(Math.abs((shown as { duration: number }).duration - 8)).toBeLessThanOrEqual(0.1);
  });

  test('without the key, as a plain <video src> would ask, the content is a 401', async () => {
    const status = await browser.page.evaluate(`fetch(${JSON.stringify(`${mock.url}/v1/videos/${encodeURIComponent(id)}/content`)}).then((r) => r.status)`);
    expect(status).toBe(401);
  });
});
