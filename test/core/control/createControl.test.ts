import { ClockError } from '../../../src/core/clock/createClock.js';
import { createControl, type MockControl } from '../../../src/core/control/createControl.js';
import { createMock, type Mock } from '../../../src/core/createMock.js';
import { RuleError } from '../../../src/core/faults/parseRules.js';
import { createRequestJournal } from '../../../src/core/journal/requestJournal.js';
import type { MockReply, MockRequest } from '../../../src/core/pipeline/MockExchange.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { loadMediaLibrary } from '../../../src/files/loadMediaLibrary.js';
import { defaultCatalogPath } from '../../../src/files/loadProviderCatalog.js';
import { loadRuntime } from '../../../src/files/loadRuntime.js';

const NOW = Date.UTC(2026, 0, 15, 12);
let mock: Mock;
let control: MockControl;

beforeEach(async () => {
  const runtime = await loadRuntime({ specPath: defaultSpecPath, providersPath: defaultCatalogPath }, { seed: 42, jobs: 20, now: NOW / 1000 });
  const journal = createRequestJournal(50);
  mock = createMock({ ...runtime, media: await loadMediaLibrary(), journal, auth: {}, log: () => undefined });
  control = createControl({ world: () => runtime.world, faults: () => runtime.faults, journal });
});

/** A request as a host hands it over, answered and finished as a host would. */
async function send(method: string, url: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: 'Bearer sk-bf-control', ...(json !== undefined && { 'content-type': 'application/json' }) };
  const request: MockRequest = {
    method,
    url,
    header: (name) => headers[name],
    rawHeaders: Object.entries(headers).flat(),
    ...(json !== undefined && { body: new TextEncoder().encode(JSON.stringify(json)) }),
  };
  const reply: MockReply = await mock.handle(request);
  reply.finished(reply.network === undefined);
  const text = typeof reply.body === 'string' ? reply.body : '{}';
  return { status: reply.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe('the control object (the admin API as functions)', () => {
  test('advancing the clock finishes a created job, with no timers', async () => {
    const created = await send('POST', '/v1/videos', { prompt: 'a paper boat', model: 'openai/sora-2' });
    expect(created.body['status']).toBe('queued');
    expect(control.clock.now().getTime()).toBe(NOW);
    expect(control.clock.advance(600)).toEqual(new Date(NOW + 600_000));
    const later = await send('GET', `/v1/videos/${String(created.body['id'])}`);
    expect(later.body['status']).toBe('completed');
    expect(later.body['progress']).toBe(100);
  });

  test('the clock is set to an instant given as a Date, unix seconds or ISO 8601, and never goes back', () => {
    expect(control.clock.set('2026-01-15T12:01:00Z').toISOString()).toBe('2026-01-15T12:01:00.000Z');
    expect(control.clock.set(NOW / 1000 + 120).toISOString()).toBe('2026-01-15T12:02:00.000Z');
    expect(control.clock.set(new Date(NOW + 180_000)).toISOString()).toBe('2026-01-15T12:03:00.000Z');
    expect(() => control.clock.set(NOW / 1000)).toThrow(ClockError);
    expect(() => control.clock.set('yesterday')).toThrow(/not a Date, an ISO 8601 time or unix seconds/);
    expect(() => control.clock.advance(-1)).toThrow(ClockError);
    expect(control.clock.now().toISOString()).toBe('2026-01-15T12:03:00.000Z');
    expect(control.clock.mode).toBe('frozen');
  });

  test('a preset applied by name answers every request until it is removed by that name', async () => {
    const [rule] = control.faults.apply('rate_limited');
    expect(rule?.rule.name).toBe('rate_limited');
    expect((await send('GET', '/v1/videos?provider=openai')).status).toBe(429);
    expect(control.faults.list()[0]).toMatchObject({ matched: 1, applied: 1 });
    expect(control.faults.remove('rate_limited')?.rule.name).toBe('rate_limited');
    expect((await send('GET', '/v1/videos?provider=openai')).status).toBe(200);
  });

  test('a preset option misspelt is a RuleError naming it, and no rule is added (it would never run out)', () => {
    expect(() => control.faults.apply('rate_limited', { tims: 1 } as never)).toThrow(RuleError);
    expect(() => control.faults.apply('rate_limited', { tims: 1 } as never)).toThrow('faults.apply("rate_limited"): unknown option "tims"; did you mean times?');
    expect(control.faults.list()).toEqual([]);
  });

  test('a preset can be narrowed to a provider and a number of times', async () => {
    control.faults.apply('provider_unavailable', { match: { provider: 'azure' }, times: 1 });
    expect((await send('GET', '/v1/videos?provider=openai')).status).toBe(200);
    expect((await send('GET', '/v1/videos?provider=azure')).status).toBe(503);
    expect((await send('GET', '/v1/videos?provider=azure')).status).toBe(200);
  });

  test('rules apply all or none: a bad one names its index and field, and nothing is added', () => {
    control.faults.apply({ name: 'first', respond: { preset: 'bad_gateway' } });
    expect(() => control.faults.apply([{ respond: { preset: 'gateway_timeout' } }, { respond: { preset: 'nope' } } as never])).toThrow(RuleError);
    expect(() => control.faults.apply([{ respond: { preset: 'gateway_timeout' } }, { match: { provder: 'x' } } as never])).toThrow(/rule 2: match\.provder/);
    expect(control.faults.list().map((state) => state.rule.name)).toEqual(['first']);
    expect(control.faults.replace([{ respond: { preset: 'gateway_timeout' } }])).toHaveLength(1);
    control.faults.clear();
    expect(control.faults.list()).toEqual([]);
    expect(control.faults.presets().map((preset) => preset.name)).toContain('rate_limited');
  });

  test('the journal lists each finished request, tells subscribers, and shows one in full with the key masked', async () => {
    const events: string[] = [];
    const unsubscribe = control.journal.subscribe((event) => events.push(event.kind === 'entry' ? `${event.entry.method} ${event.entry.status}` : event.kind));
    await send('GET', '/v1/videos?provider=openai&limit=2');
    unsubscribe();
    await send('GET', '/v1/videos?provider=openai&limit=3');
    expect(events).toEqual(['GET 200']);
    const entries = control.journal.entries();
    expect(entries.map((entry) => entry.url)).toEqual(['/v1/videos?provider=openai&limit=2', '/v1/videos?provider=openai&limit=3']);
    const detail = control.journal.detail(entries[0]!.id)!;
    expect(detail.request.headers['authorization']).toMatch(/^Bearer sk-bf/);
    expect(detail.request.headers['authorization']).not.toContain('sk-bf-control');
    expect((detail.response?.body as { data: unknown[] }).data).toHaveLength(2);
    control.journal.clear();
    expect(control.journal.entries()).toEqual([]);
  });

  test('reset forgets created jobs, restarts the clock, restores the startup rules and clears the journal', async () => {
    const created = await send('POST', '/v1/videos', { prompt: 'a kite', model: 'openai/sora-2' });
    control.clock.advance(60);
    control.faults.apply('hang');
    control.reset();
    expect(control.clock.now().getTime()).toBe(NOW);
    expect(control.faults.list()).toEqual([]);
    expect(control.journal.entries()).toEqual([]);
    expect((await send('GET', `/v1/videos/${String(created.body['id'])}`)).status).toBe(404);
  });
});
