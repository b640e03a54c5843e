import type { Page } from 'playwright-core';
import { AUTH, startTestServer } from '../support/http.js';
import { chromiumPath, openBrowser, skipMessage, type Browser } from './openBrowser.js';
import { screenshot } from './screenshot.js';
import { startCliServer, type CliServer } from './startCliServer.js';
const LIST = '/v1/videos?provider=openai&limit=2';

if (!chromiumPath) console.warn(skipMessage);
const describeInBrowser = chromiumPath ? describe : describe.skip;

interface RulesBody {
  rules: { rule: { name?: string } }[];
}

describeInBrowser(chromiumPath ? 'the console in headless Chromium' : skipMessage, () => {
  let server: CliServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startCliServer();
    browser = await openBrowser(server.url);
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rules = async () => ((await (await fetch(`${server.url}/__mock/faults`)).json()) as RulesBody).rules.map((r) => r.rule.name);
  const fromOutside = async (headers: Record<string, string> = {}) => (await fetch(`${server.url}${LIST}`, { headers: { ...AUTH, ...headers } })).status;
  const tab = async (name: string) => {
    await page.click(`[data-tab="${name}"]`);
    await page.waitForSelector(`[data-panel="${name}"]:not([hidden])`);
  };

  test('loads in under a second from the package alone, and shows the overview', async () => {
    // A user's browser is already running: a first page of the same origin starts the renderer,
    // so the measure below is the console's own load, not Chromium's start.
    await page.goto(`${server.url}/__mock/health`);
    await page.goto(`${server.url}/__mock/`);
    await page.waitForSelector('[data-fact="seed"]');
    const loadMs = (await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) as number;
    expect(loadMs).toBeGreaterThan(0);
    expect(loadMs).toBeLessThan(1000);
    expect(await page.textContent('[data-fact="seed"]')).toBe('42');
    expect(await page.textContent('[data-fact="admin"]')).toBe('loopback');
    expect(browser.blocked).toEqual([]);
  }, 30_000);

  test('provider_unavailable applied with a click: an outside request gets 503 and shows in the journal within 2 s; removed with a click: 200 again', async () => {
    // Some ordinary traffic first, so the journal shows more than the faults.
    expect((await fetch(`${server.url}/v1/videos?provider=azure&limit=5&order=asc`, { headers: AUTH })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/videos?provider=gemini`, { headers: AUTH })).status).toBe(400);
    await tab('faults');
    await page.click('[data-apply="provider_unavailable"]');
    await page.waitForSelector('[data-rule="provider_unavailable"]');
    expect(await rules()).toEqual(['provider_unavailable']);

    await tab('journal');
    await page.waitForSelector('.live[data-state="live"]');
    expect(await fromOutside()).toBe(503);
    const row = page.locator('[data-table="journal"] tbody tr', { hasText: '503' }).first();
    await row.waitFor({ timeout: 2000 });
    expect(await row.textContent()).toContain('provider_unavailable');
    expect(await row.textContent()).toContain(LIST);

    await row.click();
    await page.waitForSelector('[data-detail="journal"] pre.json');
    const detail = await page.textContent('[data-detail="journal"]');
    expect(detail).toContain('"service_unavailable"');
    expect(detail).toContain('"is_bifrost_error": false');
    await fromOutside({ 'X-Mock-Fault': 'rate_limited' });
    await page.locator('[data-table="journal"] tbody tr', { hasText: '429' }).first().waitFor({ timeout: 2000 });
    await screenshot(page, 'journal');

    await tab('faults');
    await page.waitForSelector('[data-rule="provider_unavailable"] [data-count="applied"]:text("1")');
    await page.click('[data-remove="provider_unavailable"]');
    await page.waitForSelector('[data-empty="rules"]');
    expect(await rules()).toEqual([]);
    expect(await fromOutside()).toBe(200);
  }, 30_000);

  test('a preset scoped to one provider, for the next N requests, with Retry-After', async () => {
    await tab('faults');
    await page.selectOption('select[name="provider"]', 'azure');
    await page.selectOption('select[name="duration"]', 'times');
    await page.fill('input[name="times"]', '1');
    await page.fill('input[name="retry-after"]', '30');
    await page.click('[data-apply="rate_limited"]');
    await page.waitForSelector('[data-rule="rate_limited · azure"]');
    expect(await fromOutside()).toBe(200); // openai is not matched
    const azure = await fetch(`${server.url}/v1/videos?provider=azure`, { headers: AUTH });
    expect(azure.status).toBe(429);
    expect(azure.headers.get('retry-after')).toBe('30');
    expect((await fetch(`${server.url}/v1/videos?provider=azure`, { headers: AUTH })).status).toBe(200); // spent
    await page.click('button:text("Remove all")');
    await page.waitForSelector('[data-empty="rules"]');
    await page.selectOption('select[name="provider"]', '');
    await page.selectOption('select[name="duration"]', 'forever');
    await page.fill('input[name="retry-after"]', '');
  }, 30_000);

  test('a scenario with an error shows the API message inline and leaves the rules as they were', async () => {
    await tab('faults');
    await page.click('[data-scenario="rate-limited.yaml"]');
    await page.waitForSelector('[data-rule="every 5th request rate-limited"]');
    const before = await rules();
    expect(before).toEqual(['every 5th request rate-limited']);

    await page.fill('textarea[name="scenario"]', 'rules:\n  - name: typo\n    match: { provder: openai }\n    respond: { preset: hang }\n');
    await page.click('[data-action="apply-scenario"]');
    const message = page.locator('[data-message="scenario"] .notice-error');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/400: PUT \/__mock\/faults: rule 0: match\.provder: unknown field; the rules in force are unchanged/);
    expect(await page.getAttribute('textarea[name="scenario"]', 'aria-invalid')).toBe('true');

    await page.fill('textarea[name="scenario"]', 'rules:\n  - name: [unclosed\n');
    await page.click('[data-action="apply-scenario"]');
    await page.locator('[data-message="scenario"] .notice-error', { hasText: 'Not valid YAML' }).waitFor();
    expect(await rules()).toEqual(before);
    await page.fill('textarea[name="scenario"]', 'rules:\n  - name: typo\n    match: { provder: openai }\n    respond: { preset: hang }\n');
    await page.click('[data-action="apply-scenario"]');
    await message.waitFor();
    await screenshot(page, 'faults-scenario-error');
    await page.click('button:text("Remove all")');
  }, 30_000);

  test('the jobs tab lists a provider\'s jobs with status and progress', async () => {
    await tab('jobs');
    const rows = page.locator('[data-table="jobs"] tbody tr[data-job]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    expect(await page.locator('[data-table="jobs"] .badge.job-completed').count()).toBeGreaterThan(0);
    await page.selectOption('[data-panel="jobs"] select[name="provider"]', 'azure');
    await page.locator('[data-table="jobs"] tbody tr[data-job$=":azure"]').first().waitFor();
  }, 30_000);

  test('create, remix and delete a job from the console, when the spec in force routes them', async () => {
    const spec = (await (await fetch(`${server.url}/__mock/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routed = Boolean(spec.paths['/v1/videos']?.['post'] && spec.paths['/v1/videos/{video_id}/remix']?.['post'] && spec.paths['/v1/videos/{video_id}']?.['delete']);
    await tab('jobs');
    await page.selectOption('[data-panel="jobs"] select[name="provider"]', 'openai');
    await page.locator('[data-table="jobs"] tbody tr[data-job$=":openai"]').first().waitFor();
    if (!routed) {
      // Only the list is routed: the console offers nothing it cannot do.
      expect(await page.isHidden('[data-card="create"]')).toBe(true);
      expect(await page.locator('[data-action="delete"], [data-action="remix"]').count()).toBe(0);
      return;
    }
    // Each answer shows beside what was done: a create's in its form, a remix's or delete's above the list it changed.
    const createMessage = page.locator('[data-message="create"] .notice');
    const listMessage = page.locator('[data-message="jobs"] .notice');
    await page.fill('[data-card="create"] input[name="prompt"]', 'A paper boat drifting down a rainy street, console test');
    await page.click('[data-action="create"]');
    await createMessage.filter({ hasText: 'Job created.' }).waitFor();
    const created = page.locator('[data-table="jobs"] tr[title="A paper boat drifting down a rainy street, console test"]').first();
    await created.waitFor();
    const createdId = (await created.getAttribute('data-job'))!;
    // Only finished jobs can be remixed or deleted: a queued one offers neither.
    expect(await created.locator('[data-action="delete"], [data-action="remix"]').count()).toBe(0);

    const completed = page.locator('[data-table="jobs"] tr[data-job]', { has: page.locator('.job-completed') });
    await completed.first().locator('[data-action="remix"]').click();
    await page.fill('input[aria-label="remix prompt"]:visible', 'now at night');
    await page.click('[data-action="confirm-remix"]:visible');
    await listMessage.filter({ hasText: 'Remix of' }).waitFor();
    await page.locator('[data-table="jobs"] tr[title="now at night"]').first().waitFor();

    const doneId = (await completed.nth(1).getAttribute('data-job'))!;
    await page.click(`[data-table="jobs"] tr[data-job="${doneId}"] [data-action="delete"]`);
    await listMessage.filter({ hasText: 'Deleted' }).waitFor();
    expect((await fetch(`${server.url}/v1/videos/${encodeURIComponent(doneId)}`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${server.url}/v1/videos/${encodeURIComponent(createdId)}`, { headers: AUTH })).status).toBe(200);
  }, 60_000);

  test('the clock panel shows the clock and moves it, when the server has one', async () => {
    const clock = await fetch(`${server.url}/__mock/clock`);
    await tab('overview');
    await page.waitForSelector('[data-fact="seed"]');
    if (clock.status !== 200) {
      await page.waitForTimeout(300);
      expect(await page.isHidden('[data-card="clock"]')).toBe(true);
      return;
    }
    const before = Date.parse(((await clock.json()) as { now: string }).now);
    await page.waitForSelector('[data-card="clock"] [data-fact="clock-now"]');
    await page.click('[data-advance="3600"]');
    const shown = page.locator('[data-fact="clock-now"]');
    for (let tries = 0; Date.parse((await shown.textContent()) ?? '') < before + 3_600_000; tries++) {
      if (tries > 50) throw new Error(`the clock panel still shows ${await shown.textContent()}`);
      await page.waitForTimeout(100);
    }
    const after = Date.parse(((await (await fetch(`${server.url}/__mock/clock`)).json()) as { now: string }).now);
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
  }, 30_000);

  test('the docs tab renders the spec in force with Swagger UI, offline', async () => {
    await tab('docs');
    const frame = page.frameLocator('iframe.docs-frame');
    await frame.locator('.opblock-summary-path', { hasText: '/v1/videos' }).first().waitFor({ timeout: 15_000 });
    expect(await frame.locator('.info .title').first().textContent({ timeout: 5000 })).toContain('AI gateway video jobs API');
    // "Try it out" targets this mock, wherever it listens.
    expect(await frame.locator('.servers select option').first().textContent()).toContain(server.url);
    expect(browser.blocked).toEqual([]);
    await screenshot(page, 'docs');
  }, 30_000);
});

describeInBrowser(chromiumPath ? 'the console with --admin-token' : skipMessage, () => {
  test('asks for the token, then works with it', async () => {
    const server = await startTestServer({ adminToken: 's3cret' });
    const browser = await openBrowser(server.url);
    try {
      const { page } = browser;
      await page.goto(`${server.url}/__mock/`);
      await page.locator('#access', { hasText: 'requires an admin token' }).waitFor();
      await page.fill('#access input', 's3cret');
      await page.click('#access button');
      await page.waitForSelector('[data-fact="admin"]:text("token")');
      expect(await page.isHidden('#access')).toBe(true);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
