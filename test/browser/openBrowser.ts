import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it when missing.
 * CHROMIUM_PATH points elsewhere (set it to a missing file to see the suite skip).
 */
const candidates = process.env['CHROMIUM_PATH'] ? [process.env['CHROMIUM_PATH']] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const chromiumPath = candidates.find((path) => existsSync(path));

export const skipMessage =
  `browser suite SKIPPED: no Chromium at ${candidates.join(' or ')} (install it with \`apt-get install -y chromium\`; .ci/run does)`;

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Requests the pages sent anywhere but the mock (no host name resolves, so none got far). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile that resolves no host name (only the mock's address,
 * 127.0.0.1, is reachable). Every request the pages send is
 * watched, without intercepting it: a test can prove the console needs no network, and the
 * watching adds no delay to what it measures.
 */
export async function openBrowser(serverUrl: string): Promise<Browser> {
  if (!chromiumPath) throw new Error(skipMessage);
  const profile = mkdtempSync(join(tmpdir(), 'vjm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const blocked: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(serverUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) blocked.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    blocked,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
