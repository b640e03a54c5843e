/* global document, window, navigator, fetch, URL -- browser code, bundled by test/browser/mswWorker.test.ts */
// A small app as a frontend developer writes one, against the API only: MSW answers it from the
// service worker that mocks.ts (the README's browser setup) starts. It reports what it saw.
import { control } from './mocks.js';

const headers = { authorization: 'Bearer sk-bf-browser' };
const report = (window.__report = { done: false });
const get = async (path) => {
  const response = await fetch(path, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response;
};
const status = (text) => (document.getElementById('status').textContent = text);

try {
  report.controlled = navigator.serviceWorker.controller !== null;
  const page = await (await get('/v1/videos?provider=openai&limit=5')).json();
  for (const video of page.data) {
    const item = document.createElement('li');
    item.textContent = `${video.id} ${video.status} ${video.prompt}`;
    document.getElementById('jobs').append(item);
  }
  report.listed = page.data.map((video) => video.id);

  const created = await fetch('/v1/videos', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'A paper boat on a rainy street', model: 'openai/sora-2', size: '1280x720', seconds: '8' }),
  }).then((response) => response.json());
  report.created = { id: created.id, status: created.status };

  // Poll as the app would, moving the mock's clock instead of waiting for it.
  let job = created;
  report.progress = [];
  while (job.status !== 'completed') {
    if (job.status === 'failed' || report.progress.length > 200) throw new Error(`the job did not complete: ${JSON.stringify(job)}`);
    control.clock.advance(5);
    job = await (await get(`/v1/videos/${created.id}`)).json();
    report.progress.push(job.progress);
    status(`${job.status} ${job.progress}%`);
  }
  report.job = { size: job.size, seconds: job.seconds };

  const player = document.getElementById('player');
  player.src = URL.createObjectURL(await (await get(`/v1/videos/${job.id}/content`)).blob());
  await new Promise((resolve, reject) => {
    player.onloadedmetadata = resolve;
    player.onerror = () => reject(new Error(`media error ${player.error.code}: ${player.error.message}`));
  });
  await player.play();
  report.video = { width: player.videoWidth, height: player.videoHeight, duration: player.duration };

  const thumbnail = document.getElementById('thumbnail');
  thumbnail.src = URL.createObjectURL(await (await get(`/v1/videos/${job.id}/content?variant=thumbnail`)).blob());
  await thumbnail.decode();
  report.thumbnail = { width: thumbnail.naturalWidth, height: thumbnail.naturalHeight };
  report.journal = control.journal.entries().map((entry) => `${entry.method} ${entry.url.split('?')[0]} ${entry.status}`);
} catch (error) {
  report.error = String(error?.stack ?? error);
}
report.done = true;
