import { errors } from '../errors/catalog.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import type { HandlerInput } from './HandlerInput.js';
import { jobDirective } from './jobDirective.js';
import { textPrompt } from './promptField.js';
import { checkBody } from './checkBody.js';
import { videoBody } from './videoBody.js';
import { videoTarget } from './videoTarget.js';

export const remixVideoRequestType = 'video_remix';

/** POST /v1/videos/{video_id}/remix: a new job from a completed one, with a new prompt. */
export function remixVideo({ videoId, body, header, world, directive, elapsedMs }: HandlerInput): MockResponse {
  const { id, provider } = videoTarget(videoId, world, remixVideoRequestType);
  const fields = body?.fields ?? {};
  const prompt = textPrompt(fields['prompt'], errors.promptRequired);
  checkBody(body);
  const video = world.remix(provider, id, { prompt, ...jobDirective(header('x-mock-outcome'), directive) });
  return {
    status: 200,
    body: videoBody(video, { request_type: remixVideoRequestType, provider, latency: Math.round(elapsedMs()), model_requested: video.model }),
  };
}
