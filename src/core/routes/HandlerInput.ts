import type { JobDirective, JobWorld } from '../jobs/createJobWorld.js';
import type { MediaLibrary } from '../media/mediaLibrary.js';
import type { BodyProblem } from '../openapi/compileRequestBody.js';
import type { ParameterValues } from '../openapi/readParameters.js';

/** A request body as the domain routes take it (domainRequestBody): its fields, and the one file a create may carry. */
export interface RequestBody {
  fields: Record<string, unknown>;
  /** Multipart only: the uploaded image, held only until the handler has looked at it. */
  file?: { bytes: Uint8Array; mimetype: string };
  /** What the spec's schema for the body's media type finds wrong with it (the first problem). */
  problem?: BodyProblem;
}

/** What a route handler gets: everything already read from HTTP, nothing of req/res. */
export interface HandlerInput {
  /** Query parameters, validated and defaulted from the spec. */
  params: ParameterValues;
  /** The `{video_id}` path parameter, decoded. */
  videoId?: string;
  body?: RequestBody;
  header(name: string): string | undefined;
  world: JobWorld;
  media: MediaLibrary;
  /** What a fault rule asked of the job this request creates (outcome, render time). */
  directive: JobDirective;
  /** Milliseconds spent on the request so far, reported as `extra_fields.latency`. */
  elapsedMs: () => number;
}
