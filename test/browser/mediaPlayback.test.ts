import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { advanceClock } from '../support/videoApi.js';
import { chromiumPath, openBrowser, skipMessage, type Browser } from './openBrowser.js';

/**
 * What a frontend gets from /content, played by Debian's Chromium the way the README shows:
 * fetch with the key, then a blob URL in a <video> or <img>.
 */
if (!chromiumPath) console.warn(skipMessage);
const describeInBrowser = chromiumPath ? describe : describe.skip;
const dist = fileURLToPath(new URL('../../dist/core/media/', import.meta.url));

describeInBrowser(chromiumPath ? 'the media in headless Chromium' : skipMessage, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let id: string;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 0 }); // frozen clock
    browser = await openBrowser(server.url);
    page = browser.page;
    // The built probe, served on the mock's origin, so the page can import it as browser code.
    await page.route(`${server.url}/__probe/*.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: readFileSync(`${dist}${new URL(route.request().url()).pathname.slice(9)}`) }),
    );
    const response = await fetch(`${server.url}/v1/videos`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'A paper boat', model: 'openai/sora-2-pro', size: '1792x1024', seconds: '12' }),
    });
    id = ((await response.json()) as { id: string }).id;
    await advanceClock(server, 3600);
    await page.goto(`${server.url}/__mock/health`); // the mock's origin, so fetch needs no CORS
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Runs `body` (plain JavaScript: the tests compile without the DOM types) in the page, as an
   * async function that sees `videoId`, `key` and `content(variant)`, the fetched Response.
   */
  const inPage = <T>(body: string): Promise<T> =>
    page.evaluate(`(async () => {
      const videoId = ${JSON.stringify(id)};
      const key = ${JSON.stringify(AUTH.Authorization)};
      const content = (variant) => fetch('/v1/videos/' + videoId + '/content?variant=' + variant, { headers: { Authorization: key } });
      ${body}
    })()`) as Promise<T>;

  test('a <video> plays the mp4 with its duration, size and an audio track that decodes', async () => {
    const played = await inPage<{ duration: number; width: number; height: number; audioBytes: number; videoBytes: number }>(`
      const video = document.createElement('video');
      video.muted = true; // muted playback needs no user gesture; the audio is decoded all the same
      video.src = URL.createObjectURL(await (await content('video')).blob());
      document.body.append(video);
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error('media error ' + video.error.code + ': ' + video.error.message));
      });
      await video.play();
      await new Promise((resolve) => {
        const check = () => (video.currentTime > 1 ? resolve() : setTimeout(check, 50));
        check();
      });
      return {
        duration: video.duration,
        width: video.videoWidth,
        height: video.videoHeight,
        audioBytes: video.webkitAudioDecodedByteCount,
        videoBytes: video.webkitVideoDecodedByteCount,
      };
    `);
    expect(played).toMatchObject({ width: 1792, height: 1024 });
    expect(Math.abs(played.duration - 12)).toBeLessThanOrEqual(0.1);
    expect(played.audioBytes).toBeGreaterThan(0);
    expect(played.videoBytes).toBeGreaterThan(0);
  }, 30_000);

  test('an <img> shows the WebP thumbnail at the size and the JPEG spritesheet at half of it', async () => {
    const shown = await inPage<Record<string, number[]>>(`
      const load = async (variant) => {
        const image = new Image();
        image.src = URL.createObjectURL(await (await content(variant)).blob());
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      };
      return { thumbnail: await load('thumbnail'), spritesheet: await load('spritesheet') };
    `);
    expect(shown).toEqual({ thumbnail: [1792, 1024], spritesheet: [896, 512] });
  }, 30_000);

  test('the header probe runs in the page as it is built, and reads what Chromium played', async () => {
    const probed = await inPage<Record<string, unknown>>(`
      const { mp4Info, imageInfo } = await import('/__probe/probeMedia.js');
      const bytes = async (variant) => new Uint8Array(await (await content(variant)).arrayBuffer());
      return { video: mp4Info(await bytes('video')), thumbnail: imageInfo(await bytes('thumbnail')) };
    `);
    expect(probed).toEqual({
      video: { durationSeconds: 12, width: 1792, height: 1024, hasAudio: true, hasVideo: true },
      thumbnail: { format: 'webp', width: 1792, height: 1024 },
    });
    expect(browser.blocked).toEqual([]);
  }, 30_000);
});
