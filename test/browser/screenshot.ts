import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** The console's screenshots shown in the README. */
const folder = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Whether this run rewrites them: only when asked, so `npm test` leaves the tree clean. */
export const updatingScreenshots = process.env['UPDATE_SCREENSHOTS'] === '1';

/** Saves `docs/screenshots/<name>.png` when UPDATE_SCREENSHOTS=1; otherwise does nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (updatingScreenshots) await page.screenshot({ path: `${folder}${name}.png` });
}
