import { errors } from '../errors/catalog.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import { checkBody } from './checkBody.js';
import type { HandlerInput } from './HandlerInput.js';
import { jobDirective } from './jobDirective.js';
import { videoBody } from './videoBody.js';

export const createVideoRequestType = 'video_generation';

/**
 * POST /v1/videos, JSON or multipart: the gateway's own checks first (prompt, then
 * `provider/model`), then the spec's schema, then the provider's (model, size, seconds).
 */
export function createVideo({ body, header, world, directive, elapsedMs }: HandlerInput): MockResponse {
  const fields = body?.fields ?? {};
  const prompt = fields['prompt'];
  if (typeof prompt !== 'string' || prompt === '') throw errors.promptEmpty();
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
    inputReferenceReadable: body?.file && isImage(body.file.bytes),
    outcome,
    renderSeconds,
  });
  // The upload is not kept: the job holds only whether it was a readable image.
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

/** PNG, JPEG or WebP, by their first bytes: what Sora accepts as an input reference. */
export function isImage(bytes: Uint8Array): boolean {
  const starts = (offset: number, signature: readonly number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  const png = starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const jpeg = starts(0, [0xff, 0xd8, 0xff]);
  const webp = starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50]); // RIFF....WEBP
  return png || jpeg || webp;
}
