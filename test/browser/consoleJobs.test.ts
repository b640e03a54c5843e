import { readFileSync } from 'node:fs';
import { defaultCatalogPath } from '../../src/files/loadProviderCatalog.js';
import type { ProvidersAnswer } from '../../src/shared/providerCatalog.js';
import { AUTH } from '../support/http.js';
import { eventually, openConsole, type ConsoleSession } from './consoleSession.js';
import { chromiumPath, skipMessage } from './openBrowser.js';
import { screenshot } from './screenshot.js';

const describeInBrowser = chromiumPath ? describe : describe.skip;
const catalog = JSON.parse(readFileSync(defaultCatalogPath, 'utf8')) as ProvidersAnswer;
const openai = catalog.providers.find((p) => p.name === 'openai')!;

/** Jobs the console creates render in `seconds`: a rule only the console's own requests match. */
const consoleJobsTake = (seconds: number) => ({ name: 'console jobs', match: { source: 'console', operation: 'createVideo' }, job: { renderSeconds: seconds } });

describeInBrowser(chromiumPath ? 'the console keeps up with the jobs' : skipMessage, () => {
  let s: ConsoleSession;
  beforeAll(async () => {
    // At 4× the poll hint is 500 ms: the live follow shows within a second, and so does its pause.
    s = await openConsole(['--render-speed', '4']);
  }, 60_000);
  afterAll(() => s?.close());
  afterEach(async () => {
    await s.admin('POST', '/reset');
  });

  const options = (select: string) => s.page.$$eval(`[data-card="create"] select[name="${select}"] option`, (nodes) => nodes.map((n) => (n as unknown as { value: string }).value));
  const create = async (prompt: string) => {
    await s.page.fill('[data-card="create"] input[name="prompt"]', prompt);
    await s.page.click('[data-action="create"]');
  };
  /** The Jobs tab on openai's first page, read afresh (the previous test's reset made it stale). */
  const showJobs = async () => {
    await s.tab('jobs');
    await s.page.selectOption('[data-panel="jobs"] select[name="provider"]', 'openai');
    await s.page.click('[data-action="refresh"]');
    await s.page.locator('[data-table="jobs"] tbody tr[data-job]').first().waitFor();
  };
  const retrievesOf = async (id: string) => (await s.journal('?source=console')).filter((e) => e.url === `/v1/videos/${encodeURIComponent(id)}`).length;

  test('the create form offers the provider\'s models, and for each only the sizes and durations it takes', async () => {
    await s.tab('jobs');
    await s.page.selectOption('[data-panel="jobs"] select[name="provider"]', 'openai');
    await s.page.waitForSelector('[data-card="create"] select[name="model"] option', { state: 'attached' });
    expect(await options('model')).toEqual(openai.models.map((m) => m.id));
    await s.page.selectOption('[data-card="create"] select[name="model"]', 'sora-2-pro');
    expect(await options('size')).toContain('1792x1024');
    await s.page.selectOption('[data-card="create"] select[name="size"]', '1792x1024');
    await s.page.selectOption('[data-card="create"] select[name="model"]', 'sora-2');
    const sora2 = openai.models.find((m) => m.id === 'sora-2')!;
    expect(await options('size')).toEqual(sora2.sizes);
    expect(await options('seconds')).toEqual(sora2.seconds);
    expect(sora2.sizes).toContain(await s.page.inputValue('[data-card="create"] select[name="size"]'));
    await s.page.selectOption('[data-panel="jobs"] select[name="provider"]', 'azure');
    expect(await options('model')).toEqual(catalog.providers.find((p) => p.name === 'azure')!.models.map((m) => m.id));
  }, 30_000);

  test('a refused create shows its error in the create form, next to its button, not above the list', async () => {
    await s.admin('POST', '/faults', { name: 'console create fails', match: { source: 'console', operation: 'createVideo' }, respond: { preset: 'provider_error' } });
    await showJobs();
    await create('this one fails');
    const error = s.page.locator('[data-card="create"] [data-message="create"] .notice-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^500: /);
    const button = (await s.page.locator('[data-action="create"]').boundingBox())!;
    const box = (await error.boundingBox())!;
    expect(box.y - (button.y + button.height)).toBeLessThan(80);
    expect(box.y).toBeGreaterThan(button.y);
    expect(await s.page.locator('[data-message="jobs"] .notice-error').count()).toBe(0);
  }, 30_000);

  test('a running job moves live in the Jobs tab, retrieved as the poll hint paces it, with no Refresh', async () => {
    await s.admin('POST', '/faults', consoleJobsTake(3));
    await showJobs();
    await create('a job that follows itself');
    const row = s.page.locator('[data-table="jobs"] tr[title="a job that follows itself"]');
    await row.waitFor();
    const id = (await row.getAttribute('data-job'))!;
    const listsBefore = (await s.journal('?source=console')).filter((e) => e.url.startsWith('/v1/videos?')).length;
    expect(await row.getAttribute('data-status')).not.toBe('completed');
    await s.page.locator(`[data-table="jobs"] tr[data-job="${id}"][data-status="completed"]`).waitFor({ timeout: 15_000 });
    await s.page.locator(`[data-table="jobs"] tr[data-job="${id}"] [data-action="remix"]`).waitFor();
    // Followed by retrieving the job, not by reading the list again.
    expect(await retrievesOf(id)).toBeGreaterThanOrEqual(1);
    expect((await s.journal('?source=console')).filter((e) => e.url.startsWith('/v1/videos?')).length).toBe(listsBefore);
    await screenshot(s.page, 'jobs');
  }, 30_000);

  test('a refused remix shows its error under the job it was asked of', async () => {
    await s.admin('POST', '/faults', { name: 'console remix fails', match: { source: 'console', operation: 'remixVideo' }, respond: { preset: 'provider_error' } });
    await showJobs();
    const done = s.page.locator('[data-table="jobs"] tr[data-job][data-status="completed"]').first();
    await done.waitFor();
    const id = (await done.getAttribute('data-job'))!;
    await done.locator('[data-action="remix"]').click();
    const detail = s.page.locator(`[data-table="jobs"] tr[data-job-detail="${id}"]`);
    await detail.locator('input[aria-label="remix prompt"]').fill('in the rain');
    await detail.locator('[data-action="confirm-remix"]').click();
    await detail.locator('.notice-error', { hasText: '500: ' }).waitFor();
    expect(await s.page.locator('[data-message="jobs"] .notice').count()).toBe(0);
  }, 30_000);

  test('the follow stops while the tab is left or the page is hidden, and starts again when shown', async () => {
    await s.admin('POST', '/faults', consoleJobsTake(600));
    await showJobs();
    await create('a long one');
    const row = s.page.locator('[data-table="jobs"] tr[title="a long one"]');
    await row.waitFor();
    const id = (await row.getAttribute('data-job'))!;
    await eventually(() => retrievesOf(id), (n) => n >= 1, 8000);

    const quiet = async () => {
      const before = await retrievesOf(id);
      await s.page.waitForTimeout(1500); // three times the 500 ms poll hint
      return (await retrievesOf(id)) - before;
    };
    await s.tab('overview');
    expect(await quiet()).toBe(0);
    await s.tab('jobs');
    const shown = await retrievesOf(id);
    await eventually(() => retrievesOf(id), (n) => n > shown, 8000);

    // As when the user switches to another browser tab: the page is told it is hidden, then shown.
    const setHidden = (hidden: boolean) =>
      s.page.evaluate(`(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' });
        document.dispatchEvent(new Event('visibilitychange'));
      })()`);
    await setHidden(true);
    expect(await quiet()).toBe(0);
    await setHidden(false);
    const visible = await retrievesOf(id);
    await eventually(() => retrievesOf(id), (n) => n > visible, 8000);
    expect((await fetch(`${s.server.url}/v1/videos/${encodeURIComponent(id)}`, { headers: AUTH })).status).toBe(200);
  }, 60_000);
});
