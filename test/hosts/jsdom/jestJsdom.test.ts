/**
 * @jest-environment video-jobs-mock/jest-environment-jsdom
 */
import { setupServer } from 'msw/node';
import { createHandlers } from '../../../src/hosts/msw/index.js';
import { createsAsJsonAndMultipart, downloadsContent, JOBS, listenOptions, listsEveryJobWithAutoPagination, openaiClient, pollsToCompletion } from '../msw/openaiSuite.js';
import { jsdomGlobals } from './jsdomGlobals.js';
import { rendersJobsAsTheClockMoves, runsInJsdom, uploadsReachTheMock } from './jsdomSuite.js';

// The environment is the package's own (its exports, its dist/), named in the docblock above
// exactly as a user's test file names it.
const { handlers, control } = createHandlers({ jobs: JOBS });
const server = setupServer(...handlers);
beforeAll(() => server.listen(listenOptions));
afterEach(() => {
  control.reset();
  jsdomGlobals().document.body.replaceChildren();
});
afterAll(() => server.close());

const client = () => openaiClient('openai', { dangerouslyAllowBrowser: true });

describe('MSW handlers in jest’s jsdom, with video-jobs-mock/jest-environment-jsdom', () => {
  test('the test runs in jsdom, with a window and a document', () => {
    runsInJsdom();
  });

  test('the openai client lists every job with auto-pagination, in both orders', async () => {
    await listsEveryJobWithAutoPagination(client());
  });

  test('a job created with a file (toFile) polls to completion as the clock advances, and its content is an MP4 of its size and duration', async () => {
    const { multipart } = await createsAsJsonAndMultipart(client());
    const done = await pollsToCompletion(client(), control, multipart.id);
    await downloadsContent(client(), done);
  });

  test('an uploaded file reaches the mock: a reference image of another size than the video’s is refused, naming input_reference', async () => {
    await uploadsReachTheMock(client());
  });

  test('a component renders the jobs it fetched into document.body, a new one queued then completed as the clock moves, and a rate limit as an alert', async () => {
    await rendersJobsAsTheClockMoves(client(), control);
  });

  test('jsdom’s AbortController still serves both addEventListener and fetch', async () => {
    const { document } = jsdomGlobals();
    const listening = new AbortController();
    let clicks = 0;
    document.body.addEventListener('click', () => clicks++, { signal: listening.signal });
    document.body.click();
    listening.abort();
    document.body.click();
    expect(clicks).toBe(1);

    const request = new AbortController();
    const pending = fetch('https://gateway.test/v1/videos/video_x:openai', { headers: { 'x-bf-vk': 'sk-bf-x', 'x-mock-fault': 'hang' }, signal: request.signal });
    request.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
