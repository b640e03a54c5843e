import { AUTH } from '../support/http.js';
import { eventually, openConsole, type ConsoleSession } from './consoleSession.js';
import { chromiumPath, skipMessage } from './openBrowser.js';
import { screenshot } from './screenshot.js';

const describeInBrowser = chromiumPath ? describe : describe.skip;
const LIST = '/v1/videos?provider=openai&limit=2';

interface RulesBody {
  rules: { rule: { name?: string }; applied: number; spent: boolean }[];
}

describeInBrowser(chromiumPath ? 'the console: clock, resets, rules and who sent what' : skipMessage, () => {
  let s: ConsoleSession;
  beforeAll(async () => {
    s = await openConsole();
  }, 60_000);
  afterAll(() => s?.close());
  afterEach(async () => {
    await s.admin('POST', '/reset');
  });

  const ruleNames = async () => (await s.admin<RulesBody>('GET', '/faults')).body.rules.map((r) => r.rule.name);
  const outside = async (headers: Record<string, string> = {}) => (await fetch(`${s.server.url}${LIST}`, { headers: { ...AUTH, ...headers } })).status;
  const clockNow = async () => Date.parse(((await s.admin<{ now: string }>('GET', '/clock')).body.now));

  test('under a live clock, the overview\'s "now" ticks between readings of the server', async () => {
    await s.tab('overview');
    const shown = s.page.locator('[data-fact="clock-now"]');
    await shown.waitFor();
    // The overview reads the server every 5 s: two changes within 3.5 s are the clock ticking.
    const seen = new Set<number>();
    await eventually(async () => seen.add(Date.parse((await shown.textContent())!)).size, (distinct) => distinct >= 3, 3500);
    const [first, , third] = [...seen];
    expect(third! - first!).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  test('"Back to real time" undoes "+1 h" on a live clock', async () => {
    await s.tab('overview');
    const realTime = s.page.locator('[data-action="real-time"]');
    await realTime.waitFor();
    expect(await realTime.isDisabled()).toBe(true);
    await s.page.click('[data-advance="3600"]');
    await s.page.locator('[data-fact="clock-moved"]', { hasText: '+1 h ahead of real time' }).waitFor();
    expect((await clockNow()) - Date.now()).toBeGreaterThan(3_500_000);
    await screenshot(s.page, 'overview');
    await realTime.click();
    await s.page.locator('[data-fact="clock-moved"]', { hasText: 'on real time' }).waitFor();
    expect(Math.abs((await clockNow()) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(Date.parse((await s.page.textContent('[data-fact="clock-now"]'))!) - Date.now())).toBeLessThan(60_000);
    expect(await realTime.isDisabled()).toBe(true);
  }, 30_000);

  test('jobs, rules and journal reset each on their own, each after a confirmation that Cancel undoes', async () => {
    const created = (await (await fetch(`${s.server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'to forget', model: 'openai/sora-2' }) })).json()) as { id: string };
    await s.admin('POST', '/faults', { name: 'gemini hangs', match: { provider: 'gemini' }, respond: { preset: 'hang' } });
    expect(await outside()).toBe(200);
    const job = async () => (await fetch(`${s.server.url}/v1/videos/${encodeURIComponent(created.id)}`, { headers: AUTH })).status;
    await s.tab('overview');

    await s.page.click('[data-reset="rules"]');
    await s.page.locator('[data-confirm-box="rules"]', { hasText: 'Put the fault rules back' }).waitFor();
    await s.page.click('[data-cancel="rules"]');
    await s.page.locator('[data-reset="rules"]').waitFor();
    expect(await ruleNames()).toEqual(['gemini hangs']);

    await s.page.click('[data-reset="rules"]');
    await s.page.click('[data-confirm="rules"]');
    await s.page.locator('[data-message="reset"]', { hasText: 'Rules reset' }).waitFor();
    expect(await ruleNames()).toEqual([]);
    expect((await s.journal()).length).toBeGreaterThan(0);
    expect(await job()).toBe(200);

    await s.page.click('[data-reset="journal"]');
    await s.page.click('[data-confirm="journal"]');
    await s.page.locator('[data-message="reset"]', { hasText: 'Journal cleared' }).waitFor();
    expect(await s.journal()).toEqual([]);
    expect(await job()).toBe(200);

    await s.page.click('[data-reset="jobs"]');
    await s.page.click('[data-confirm="jobs"]');
    await s.page.locator('[data-message="reset"]', { hasText: 'Jobs reset' }).waitFor();
    expect(await job()).toBe(404);
  }, 30_000);

  test('a rule "for the next 2 requests" that fired twice is marked spent, and cleared apart from the rest', async () => {
    await s.admin('PUT', '/faults', [
      { name: 'twice', times: 2, match: { provider: 'openai' }, respond: { preset: 'rate_limited' } },
      { name: 'azure down', match: { provider: 'azure' }, respond: { preset: 'provider_unavailable' } },
    ]);
    await s.tab('faults');
    await s.page.locator('[data-rule="twice"]').waitFor();
    expect(await s.page.getAttribute('[data-rule="twice"]', 'data-spent')).toBeNull();
    expect(await s.page.isHidden('[data-action="clear-spent"]')).toBe(true);
    expect([await outside(), await outside()]).toEqual([429, 429]);
    await s.page.locator('[data-rule="twice"][data-spent]', { hasText: 'spent' }).waitFor({ timeout: 5000 });
    expect(await s.page.getAttribute('[data-rule="azure down"]', 'data-spent')).toBeNull();
    await screenshot(s.page, 'faults');
    await s.page.click('[data-action="clear-spent"]');
    await s.page.locator('[data-rule="twice"]').waitFor({ state: 'detached' });
    expect(await ruleNames()).toEqual(['azure down']);
  }, 30_000);

  test('Remove takes away only the rule clicked, whatever its name holds (slashes, ?, #, %)', async () => {
    const odd = 'a/b?c#d 100%';
    await s.admin('PUT', '/faults', [{ name: 'keep me', match: { provider: 'gemini' }, respond: { preset: 'hang' } }, { name: odd, match: { provider: 'gemini' }, respond: { preset: 'hang' } }]);
    await s.tab('faults');
    await s.page.click(`[data-remove="${odd}"]`);
    await s.page.locator(`[data-rule="${odd}"]`).waitFor({ state: 'detached' });
    expect(await ruleNames()).toEqual(['keep me']);
  }, 30_000);

  test('a preset the API refuses shows the refusal under that preset, beside its Apply button', async () => {
    await s.tab('faults');
    await s.page.fill('[data-preset="slow:<ms>"] input', '-5');
    await s.page.click('[data-apply="slow:<ms>"]');
    const refusal = s.page.locator('[data-preset-message="slow:<ms>"] .notice-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^400: .*slow:-5/);
    expect(await ruleNames()).toEqual([]);
  }, 30_000);

  test('the console\'s own requests do not use up a rule meant for the app: provider_unavailable for the next 3 survives the Jobs tab', async () => {
    await s.tab('faults');
    await s.page.selectOption('select[name="duration"]', 'times');
    await s.page.fill('input[name="times"]', '3');
    await s.page.click('[data-apply="provider_unavailable"]');
    await s.page.waitForSelector('[data-rule="provider_unavailable"]');
    await s.tab('jobs');
    await s.page.locator('[data-table="jobs"] tbody tr[data-job]').first().waitFor();
    expect(await s.page.locator('[data-message="jobs"] .notice-error').count()).toBe(0);
    await s.tab('faults');
    await s.page.waitForSelector('[data-rule="provider_unavailable"] [data-count="applied"]:text("0")');
    expect([await outside(), await outside(), await outside(), await outside()]).toEqual([503, 503, 503, 200]);
    await s.page.selectOption('select[name="duration"]', 'forever');
  }, 30_000);

  test('the journal says who sent each request (the console, a key, a page\'s origin) and filters by it', async () => {
    await s.tab('jobs');
    await s.page.locator('[data-table="jobs"] tbody tr[data-job]').first().waitFor();
    expect(await outside({ Authorization: 'Bearer sk-bf-first-app-1a2b' })).toBe(200);
    expect(await outside({ Authorization: 'Bearer sk-bf-browser-app-9z9z', Origin: 'http://localhost:5173' })).toBe(200);
    await s.tab('journal');
    const rows = s.page.locator('[data-table="journal"] tbody tr');
    await s.page.locator('[data-table="journal"] tbody tr', { hasText: 'sk-bf-…9z9z' }).waitFor();
    expect(await s.page.locator('[data-table="journal"] [data-source="console"]').count()).toBeGreaterThan(0);

    const select = '[data-panel="journal"] select[name="source"]';
    await s.page.selectOption(select, 'console');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await s.page.locator('[data-table="journal"] tbody [data-source="app"]').count()).toBe(0);
    await s.page.selectOption(select, 'key:sk-bf-…1a2b');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('sk-bf-…1a2b');
    await s.page.selectOption(select, 'origin:http://localhost:5173');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('http://localhost:5173');
    await s.page.selectOption(select, 'app');
    expect(await s.page.locator('[data-table="journal"] tbody [data-source="console"]').count()).toBe(0);
    expect(await rows.count()).toBe(2);
    await s.page.selectOption(select, '');
  }, 30_000);
});
