import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import type { MockControl } from '../../../src/core/control/createControl.js';
import type { VideoList } from '../../../src/core/openapi/payloads.js';
import { pngOfSize } from '../../support/pngOfSize.js';
import { GATEWAY } from '../msw/openaiSuite.js';
import { jsdomGlobals, type TestElement } from './jsdomGlobals.js';

/**
 * What a component test under jsdom needs beyond openaiSuite.ts, for jest and vitest alike
 * (so it asserts with node:assert): that it is jsdom, that uploads reach the mock, and a small
 * component rendering what it fetched.
 */
export const HEADERS = { authorization: 'Bearer sk-bf-jsdom' };

/** A window with a document, as a component test has: not Node's environment. */
export function runsInJsdom(): void {
  const { window, document, navigator } = jsdomGlobals();
  assert.match(navigator.userAgent, /jsdom/);
  assert.equal(window.document, document);
  document.body.innerHTML = '<p>hello</p>';
  assert.equal(document.querySelector('p')?.textContent, 'hello');
}

/**
 * The upload's bytes reach the mock: OpenAI refuses a reference image of another size than the
 * video's, which it can only see if the file arrived (jsdom's own File would be dropped silently).
 */
export async function uploadsReachTheMock(client: OpenAI): Promise<void> {
  const refused = await client.videos
    .create({ prompt: 'a kite', model: 'openai/sora-2', size: '1280x720', input_reference: await toFile(pngOfSize(64, 48), 'small.png', { type: 'image/png' }) })
    .catch((error: unknown) => error);
  assert.ok(refused instanceof OpenAI.BadRequestError, `a reference of the wrong size: ${String(refused)}`);
  assert.equal((refused.error as { param?: string }).param, 'input_reference');
  assert.match(refused.message, /the input_reference is 64x48/);
}

/** The component: a page of jobs fetched from `url`, one `<li data-status>` per job, or why not. */
export async function renderJobList(container: TestElement, url: string): Promise<void> {
  const { document } = jsdomGlobals();
  const response = await fetch(url, { headers: HEADERS });
  if (!response.ok) {
    const problem = document.createElement('p');
    problem.setAttribute('role', 'alert');
    problem.textContent = `could not load the jobs (${response.status})`;
    container.replaceChildren(problem);
    return;
  }
  const list = document.createElement('ul');
  for (const video of ((await response.json()) as VideoList).data) {
    const item = document.createElement('li');
    item.textContent = video.id;
    item.dataset['status'] = video.status;
    list.append(item);
  }
  container.replaceChildren(list);
}

/**
 * The component shows a job just created as queued at the top, completed once the mock's clock
 * has moved, and the gateway's rate limit as an alert.
 */
export async function rendersJobsAsTheClockMoves(client: OpenAI, control: MockControl): Promise<void> {
  const created = await client.videos.create({ prompt: 'a paper boat', model: 'openai/sora-2', size: '1280x720', seconds: '4' });
  const { document } = jsdomGlobals();
  const url = `${GATEWAY}/v1/videos?provider=openai&limit=5`;
  const rows = () => [...document.querySelectorAll('li')].map((item) => [item.textContent, item.dataset['status']]);

  await renderJobList(document.body, url);
  assert.equal(rows().length, 5);
  assert.deepEqual(rows()[0], [created.id, 'queued']);

  control.clock.advance(600);
  await renderJobList(document.body, url);
  assert.deepEqual(rows()[0], [created.id, 'completed']);

  control.faults.apply('rate_limited', { times: 1 });
  await renderJobList(document.body, url);
  assert.equal(document.querySelector('[role="alert"]')?.textContent, 'could not load the jobs (429)');
  assert.equal(rows().length, 0);
}
