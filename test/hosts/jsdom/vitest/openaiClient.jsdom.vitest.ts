import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest';
import { createHandlers } from '../../../../src/hosts/msw/index.js';
import { createsAsJsonAndMultipart, downloadsContent, JOBS, listenOptions, listsEveryJobWithAutoPagination, openaiClient, pollsToCompletion } from '../../msw/openaiSuite.js';
import { jsdomGlobals } from '../jsdomGlobals.js';
import { rendersJobsAsTheClockMoves, runsInJsdom, uploadsReachTheMock } from '../jsdomSuite.js';

const { handlers, control } = createHandlers({ jobs: JOBS });
const server = setupServer(...handlers);
beforeAll(() => server.listen(listenOptions));
afterEach(() => {
  control.reset();
  jsdomGlobals().document.body.replaceChildren();
});
afterAll(() => server.close());

const client = () => openaiClient('openai', { dangerouslyAllowBrowser: true });

describe('MSW handlers in vitest’s jsdom, with video-jobs-mock/vitest-environment-jsdom', () => {
  test('the test runs in jsdom, with a window and a document', () => {
    runsInJsdom();
  });

  test('the openai client lists every job with auto-pagination, in both orders', async () => {
    await listsEveryJobWithAutoPagination(client());
  });

  test('a job created with a file (toFile) polls to completion as the clock advances, and its content is an MP4 of its size and duration', async () => {
    const { multipart } = await createsAsJsonAndMultipart(client());
    await downloadsContent(client(), await pollsToCompletion(client(), control, multipart.id));
  });

  test('an uploaded file reaches the mock: a reference image of another size than the video’s is refused, naming input_reference', async () => {
    await uploadsReachTheMock(client());
  });

  test('a component renders the jobs it fetched into document.body, a new one queued then completed as the clock moves, and a rate limit as an alert', async () => {
    await rendersJobsAsTheClockMoves(client(), control);
  });
});
