import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createHandlers } from '../../../../src/hosts/msw/index.js';
import { createsAsJsonAndMultipart, downloadsContent, JOBS, listenOptions, listsEveryJobWithAutoPagination, openaiClient, pollsToCompletion, remixesAndDeletes } from '../openaiSuite.js';

const { handlers, control } = createHandlers({ jobs: JOBS });
const server = setupServer(...handlers);
beforeAll(() => server.listen(listenOptions));
afterEach(() => control.reset());
afterAll(() => server.close());

describe('MSW handlers under vitest (msw/node) with the official openai client', () => {
  test('the client lists every job with auto-pagination, in both orders', async () => {
    await listsEveryJobWithAutoPagination(openaiClient());
  });

  test('jobs created as JSON and as multipart poll to completion as the clock advances; content, remix and delete work', async () => {
    const client = openaiClient();
    const { json, multipart } = await createsAsJsonAndMultipart(client);
    const done = await pollsToCompletion(client, control, json.id);
    await downloadsContent(client, done);
    await downloadsContent(client, await pollsToCompletion(client, control, multipart.id, false));
    await remixesAndDeletes(client, done);
    expect(control.journal.entries().some((entry) => entry.url.startsWith(`/openai/v1/videos/${done.id}/remix`))).toBe(true);
  });
});
