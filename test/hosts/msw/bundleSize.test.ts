import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBrowserBundle, type BrowserBundleSizes } from '../../../bench/browserBundle.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's bundle-size table: its KB by row, keyed as measureBrowserBundle's sizes. */
const rows: Record<keyof BrowserBundleSizes, string> = {
  startupGzip: 'at startup, msw/browser included',
  oursGzip: 'at startup, what `video-jobs-mock/msw` adds to a page that has MSW',
  mediaGzip: 'on the first content request: the media',
  englishGzip: "only for a spec whose `x-faker` calls need words: faker's whole English",
};
const reported = (row: string): number => {
  const found = new RegExp(`^\\| ${row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\| ([\\d.]+) KB \\|$`, 'm').exec(readme);
  if (!found) throw new Error(`no README row "${row}"`);
  return Number(found[1]) * 1024;
};

describe('the browser bundle stays as lean as the README says', () => {
  let measured: BrowserBundleSizes;
  beforeAll(async () => {
    measured = await measureBrowserBundle(root);
  }, 120_000);

  test.each(Object.entries(rows) as [keyof BrowserBundleSizes, string][])('%s is within 10% above the README’s row (and the row not stale by 20% below)', (key, row) => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const size = { measured: kb(measured[key]), reported: kb(reported(row)) };
    expect({ ...size, grewPast10Percent: measured[key] > reported(row) * 1.1 }).toEqual({ ...size, grewPast10Percent: false });
    expect({ ...size, shrankBelow80Percent: measured[key] < reported(row) * 0.8 }).toEqual({ ...size, shrankBelow80Percent: false });
  });

  test('the media and faker’s whole English are chunks of their own, outside what loads at startup', () => {
    // measureBrowserBundle finds each among the chunks the startup does not import (or throws).
    expect(measured.mediaGzip).toBeGreaterThan(measured.startupGzip * 4);
    expect(measured.englishGzip).toBeGreaterThan(50 * 1024);
  });
});
