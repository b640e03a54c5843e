import { setupServer } from 'msw/node';
import { createHandlers } from '../../../src/hosts/msw/index.js';
import { createsAsJsonAndMultipart, downloadsContent, JOBS, listenOptions, listsEveryJobWithAutoPagination, openaiClient, pollsToCompletion, remixesAndDeletes } from './openaiSuite.js';

const { handlers, control } = createHandlers({ jobs: JOBS });
const server = setupServer(...handlers);
beforeAll(() => server.listen(listenOptions));
afterEach(() => control.reset());
afterAll(() => server.close());

describe('MSW handlers under jest (msw/node) with the official openai client', () => {
  test('the client lists every job with auto-pagination, in both orders', async () => {
    await listsEveryJobWithAutoPagination(openaiClient());
  });

  test('a job created as JSON and one as multipart (with a file) poll to completion as the clock advances; the content plays, remix and delete work', async () => {
    const client = openaiClient();
    const { json, multipart } = await createsAsJsonAndMultipart(client);
    const done = await pollsToCompletion(client, control, json.id);
    await downloadsContent(client, done);
    await downloadsContent(client, await pollsToCompletion(client, control, multipart.id, false));
    await remixesAndDeletes(client, done);
    const calls = control.journal.entries().map((entry) => `${entry.method} ${entry.url.split('?')[0]}`);
    expect(calls).toContain('POST /openai/v1/videos');
    expect(calls).toContain(`DELETE /openai/v1/videos/${done.id}`);
    expect(control.journal.entries().every((entry) => entry.validation !== 'failed')).toBe(true);
  });

  test('a fault applied through control reaches the client as the SDK’s error, and is gone once removed', async () => {
    control.faults.apply('rate_limited');
    const error = await openaiClient().videos.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    control.faults.remove('rate_limited');
    await expect(openaiClient().videos.list({ limit: 1 })).resolves.toBeDefined();
  });
});
