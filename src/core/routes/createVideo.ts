import { errors } from '../errors/catalog.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import { imageInfo } from '../media/probeMedia.js';
import { checkBody } from './checkBody.js';
import type { HandlerInput } from './HandlerInput.js';
import { jobDirective } from './jobDirective.js';
import { textPrompt } from './promptField.js';
import { videoBody } from './videoBody.js';

export const createVideoRequestType = 'video_generation';

/**
 * POST /v1/videos, JSON or multipart: the gateway's own checks first (prompt, then
 * `provider/model`), then the spec's schema, then the provider's (model, size, seconds).
 */
export function createVideo({ body, header, world, directive, elapsedMs }: HandlerInput): MockResponse {
  const fields = body?.fields ?? {};
  const prompt = textPrompt(fields['prompt'], errors.promptEmpty);
  const { provider, model } = providerAndModel(fields['model']);
  checkBody(body);
  world.checkSupport(provider, createVideoRequestType);
  const { outcome, renderSeconds } = jobDirective(header('x-mock-outcome'), directive);
  // One literal of one shape, whatever was sent (spreads of optional parts cost a create ~1 µs).
  const video = world.create(provider, {
    model,
    prompt,
    seconds: optionalText(fields['seconds']),
    size: optionalText(fields['size']),
    inputReference: body?.file && referenceSize(body.file.bytes),
    outcome,
    renderSeconds,
  });
  // The upload is not kept: only its size is read, to decide whether the job can use it.
  return {
    status: 200,
    body: videoBody(video, {
      request_type: createVideoRequestType,
      provider,
      latency: Math.round(elapsedMs()),
      model_requested: String(fields['model']),
    }),
  };
}

/** `openai/sora-2` → openai, sora-2 (split on the first `/`, as the gateway does). */
export function providerAndModel(value: unknown): { provider: string; model: string } {
  const slash = typeof value === 'string' ? value.indexOf('/') : -1;
  if (typeof value !== 'string' || slash <= 0 || slash === value.length - 1) throw errors.modelFormat();
  return { provider: value.slice(0, slash), model: value.slice(slash + 1) };
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The width and height of an uploaded reference, read from its headers; `null` unless it is a
 * PNG, JPEG or WebP image (what Sora accepts as an input reference).
 */
function referenceSize(bytes: Uint8Array): { width: number; height: number } | null {
  const info = imageInfo(bytes);
  return info ? { width: info.width, height: info.height } : null;
}
