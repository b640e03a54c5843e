import { errors } from '../../../src/core/errors/catalog.js';
import type { MockError } from '../../../src/core/errors/MockError.js';
import { toBifrostError } from '../../../src/core/errors/toBifrostError.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { loadSpecSync } from '../../../src/files/loadSpecSync.js';
import { specOperations } from '../../support/specRequests.js';

const SORA_2 = ['720x1280', '1280x720'];
const OPENAI_MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'];
const FOREIGN_ID = 'video_6968d6a2367cee06763f54b20ede36794b2eb2e7f7c03a9d:azure';

/** The error the mock throws for each gateway rule openapi.yaml shows, with the context it answers it in. */
const thrown: Record<string, [MockError, string, string]> = {
  'listVideos.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_list'],
  'listVideos.unsupportedOperation': [errors.unsupportedOperation('gemini', 'video_list'), 'gemini', 'video_list'],
  'listVideos.unknownCursor': [errors.unknownCursor(FOREIGN_ID, 'openai'), 'openai', 'video_list'],
  'createVideo.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_generation'],
  'createVideo.unsupportedOperation': [errors.unsupportedOperation('acme', 'video_generation'), 'acme', 'video_generation'],
  'createVideo.unsupportedModel': [errors.unsupportedValue('model', 'veo-3', OPENAI_MODELS), 'openai', 'video_generation'],
  'createVideo.unsupportedSize': [errors.unsupportedValue('size', '1792x1024', SORA_2), 'openai', 'video_generation'],
  'createVideo.unsupportedSeconds': [errors.unsupportedValue('seconds', '5', ['4', '8', '12']), 'openai', 'video_generation'],
  'createVideo.referenceSizeMismatch': [errors.referenceSizeMismatch({ width: 640, height: 360 }, '720x1280'), 'openai', 'video_generation'],
  'retrieveVideo.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_retrieve'],
  'retrieveVideo.unsupportedOperation': [errors.unsupportedOperation('acme', 'video_retrieve'), 'acme', 'video_retrieve'],
  'deleteVideo.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_delete'],
  'deleteVideo.unsupportedOperation': [errors.unsupportedOperation('gemini', 'video_delete'), 'gemini', 'video_delete'],
  'deleteVideo.notDeletable': [errors.notDeletable('in_progress'), 'openai', 'video_delete'],
  'deleteVideo.tooManyDeletions': [errors.tooManyDeletions(100_000), 'openai', 'video_delete'],
  'remixVideo.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_remix'],
  'remixVideo.unsupportedOperation': [errors.unsupportedOperation('azure', 'video_remix'), 'azure', 'video_remix'],
  'remixVideo.notReady': [errors.videoNotReady('in_progress'), 'openai', 'video_remix'],
  'downloadVideoContent.unknownProvider': [errors.unknownProvider('acme'), 'acme', 'video_download'],
  'downloadVideoContent.unsupportedOperation': [errors.unsupportedOperation('acme', 'video_download'), 'acme', 'video_download'],
  'downloadVideoContent.notReady': [errors.videoNotReady('queued'), 'openai', 'video_download'],
};

const examples = specOperations(loadSpecSync(defaultSpecPath)).flatMap((op) =>
  Object.entries(op.examples400).map(([name, value]) => [`${op.operationId}.${name}`, value] as const),
);

describe("openapi.yaml's 400 examples of gateway rules", () => {
  test('are exactly the rules the table below knows', () => {
    expect(examples.map(([key]) => key).sort()).toEqual(Object.keys(thrown).sort());
  });

  test.each(examples)('%s is the body the mock sends for it', (key, example) => {
    const [error, provider, requestType] = thrown[key]!;
    const sent = toBifrostError(error, { provider, requestType });
    const eventId = (example as { event_id: string }).event_id;
    expect(example).toEqual({ ...sent, event_id: eventId, error: { ...sent.error, event_id: eventId } });
  });
});
