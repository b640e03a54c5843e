import type { AddressInfo } from 'node:net';
import { loadProviderCatalog } from '../../src/files/loadProviderCatalog.js';
import { MockError } from '../../src/core/errors/MockError.js';
import { createFaultEngine, type FaultEngine } from '../../src/core/faults/createFaultEngine.js';
import { createMock } from '../../src/core/createMock.js';
import { createApp } from '../../src/hosts/express/createApp.js';
import { createHttpServer } from '../../src/hosts/express/createHttpServer.js';
import { createRequestJournal } from '../../src/core/journal/requestJournal.js';
import { createHostGuards } from '../../src/hosts/express/HostGuards.js';
import { compileContract } from '../../src/core/openapi/compileContract.js';
import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { loadSpec } from '../../src/files/loadSpec.js';
import { loadMediaLibrary } from '../../src/files/loadMediaLibrary.js';
import { makeWorld } from '../support/world.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';

/**
 * Rule validation keeps Node-refused headers out; this checks the layer behind it: should a
 * response still carry one (a future bug), the error handler must answer, not throw again.
 */
test('a response Node refuses to write becomes a 500 BifrostError, and the server keeps serving', async () => {
  const contract = compileContract(await loadSpec(defaultSpecPath));
  const catalog = await loadProviderCatalog();
  const real = createFaultEngine({ rules: [], seed: 1, statuses: [503] });
  const poisoned: FaultEngine = {
    ...real,
    decide: () => ({ name: 'poisoned', effect: { kind: 'error', error: new MockError(503, { message: 'x' }, { Trailer: 'X' }) }, latencyMs: 0 }),
  };
  const logs: string[] = [];
  const world = makeWorld({ seed: 1, jobsPerProvider: 5, now: 1_768_478_400, catalog });
  const journal = createRequestJournal(10);
  const log = (line: string) => logs.push(line);
  const mock = createMock({ contract, world, media: await loadMediaLibrary(), auth: {}, faults: poisoned, journal, log });
  const app = createApp({
    mock,
    world,
    faults: poisoned,
    spec: contract.spec,
    journal,
    admin: { mode: 'loopback' },
    health: () => ({}),
    guards: createHostGuards(undefined, () => mock.judgeError, log),
    log,
  });
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/videos?provider=openai`;
  try {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url, { headers: AUTH });
      const body = (await response.json()) as BifrostError;
      expect(response.status).toBe(500);
      expect(response.headers.get('trailer')).toBeNull();
      expect(errorSchemaProblems(body)).toEqual([]);
      expect(body.error).toMatchObject({ type: 'internal_error' });
    }
    expect(logs.join('\n')).toMatch(/ERR_HTTP_TRAILER_INVALID|Trailers are invalid/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
