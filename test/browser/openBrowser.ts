import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it when missing. */
export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export const skipMessage =
  'browser suite SKIPPED: no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`; .ci/run does)';

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried to send anywhere but the mock (all refused). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile, allowed to talk to the mock only: any other request
 * is aborted and recorded, so a test can prove the console needs no network.
 */
export async function openBrowser(serverUrl: string): Promise<Browser> {
  if (!chromiumPath) throw new Error(skipMessage);
  const profile = mkdtempSync(join(tmpdir(), 'vjm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(serverUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort();
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
