import { ApiError, readJson, videoApi } from './apiClient.js';
import { isFinal, type Video } from './jobRow.js';

/** Until a job's answer says otherwise (`openai-poll-after-ms`), poll every 2 s, as the SDKs do. */
const DEFAULT_POLL_MS = 2000;
/** The hint is followed, within these bounds: never a flood, never a stall. */
const MIN_POLL_MS = 500;
const MAX_POLL_MS = 30_000;

export interface JobFollower {
  /** Follows the jobs of this list that are not final yet (replacing what was followed). */
  follow(videos: readonly Video[]): void;
  /** The tab is shown (resume) or hidden (pause): no request while nobody looks. */
  pause(): void;
  resume(): void;
}

export interface FollowOptions {
  onUpdate(video: Video): void;
  onError(id: string, message: unknown): void;
}

/**
 * Follows running jobs live, as an app would: retrieves each one not final yet, paced by the
 * `openai-poll-after-ms` its answer carries, until it completes or fails. Stops while the tab
 * or the page is hidden, and when nothing is left running.
 */
export function followJobs({ onUpdate, onError }: FollowOptions): JobFollower {
  let watched = new Set<string>();
  let timer: number | undefined;
  let active = false;
  /** Bumped by each follow(): answers to an older list are dropped. */
  let generation = 0;
  /** A round of retrieves is under way: it schedules the next one itself when it ends. */
  let inFlight = false;

  const schedule = (ms: number) => {
    window.clearTimeout(timer);
    timer = undefined;
    if (!inFlight && active && !document.hidden && watched.size > 0) timer = window.setTimeout(() => void poll(), ms);
  };

  const poll = async () => {
    inFlight = true;
    const current = generation;
    let next = Infinity;
    await Promise.all([...watched].map(async (id) => {
      try {
        const response = await videoApi(`/v1/videos/${encodeURIComponent(id)}`);
        const hint = Number(response.headers.get('openai-poll-after-ms'));
        const video = await readJson<Video>(response);
        if (current !== generation) return;
        if (hint > 0) next = Math.min(next, hint);
        if (isFinal(video)) watched.delete(id);
        onUpdate(video);
      } catch (error) {
        if (current !== generation) return;
        // Gone (deleted, forgotten): stop. Anything else may pass: show it and keep following.
        if (error instanceof ApiError && error.status === 404) watched.delete(id);
        onError(id, error);
      }
    }));
    inFlight = false;
    schedule(current === generation ? Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, next === Infinity ? DEFAULT_POLL_MS : next)) : DEFAULT_POLL_MS);
  };

  document.addEventListener('visibilitychange', () => schedule(0));

  return {
    follow(videos) {
      generation += 1;
      watched = new Set(videos.filter((video) => !isFinal(video)).map((video) => video.id));
      schedule(DEFAULT_POLL_MS);
    },
    pause() {
      active = false;
      schedule(0);
    },
    resume() {
      active = true;
    },
  };
}
