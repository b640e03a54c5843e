import type { MockResponse } from '../pipeline/MockResponse.js';
import { createVideo, createVideoRequestType } from './createVideo.js';
import { deleteVideo, deleteVideoRequestType } from './deleteVideo.js';
import { downloadVideoContent, downloadVideoContentRequestType } from './downloadVideoContent.js';
import type { HandlerInput } from './HandlerInput.js';
import { listVideos, listVideosRequestType } from './listVideos.js';
import { remixVideo, remixVideoRequestType } from './remixVideo.js';
import { retrieveVideo, retrieveVideoRequestType } from './retrieveVideo.js';

export type Handler = (input: HandlerInput) => MockResponse;

/** Domain handlers by operationId; the spec decides which of them are routed and how. */
export const routeHandlers: Readonly<Record<string, Handler>> = {
  listVideos,
  createVideo,
  retrieveVideo,
  deleteVideo,
  remixVideo,
  downloadVideoContent,
};

/** Operations whose answers read the media library: a host that loads its media lazily loads it before these. */
export const mediaOperations: ReadonlySet<string> = new Set(['downloadVideoContent']);

/** Request types the gateway reports in `extra_fields.request_type`, by operationId. */
export const routeRequestTypes: Readonly<Record<string, string>> = {
  listVideos: listVideosRequestType,
  createVideo: createVideoRequestType,
  retrieveVideo: retrieveVideoRequestType,
  deleteVideo: deleteVideoRequestType,
  remixVideo: remixVideoRequestType,
  downloadVideoContent: downloadVideoContentRequestType,
};
