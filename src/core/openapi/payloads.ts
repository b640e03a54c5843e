/**
 * Hand-kept TypeScript types for the payloads described in openapi.yaml.
 * test/spec/payloads.test.ts checks them against the schemas, so the two cannot drift apart.
 */
export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

export interface Video {
  id: string;
  object: 'video';
  model: string;
  status: VideoStatus;
  progress?: number;
  prompt: string;
  remixed_from_video_id?: string;
  seconds: string | null;
  size: string;
  created_at: number;
  completed_at?: number;
  expires_at?: number;
  error?: { code: string; message: string };
}

export interface VideoList {
  object: 'list';
  data: readonly Video[];
  first_id?: string;
  last_id?: string;
  has_more: boolean;
  extra_fields: {
    request_type: 'video_list';
    provider: string;
    latency: number;
    chunk_index: number;
    model_requested?: string;
  };
}

export interface BifrostError {
  event_id?: string;
  type?: string;
  is_bifrost_error: boolean;
  status_code?: number;
  error: {
    type?: string;
    code?: string;
    message: string;
    param?: string;
    event_id?: string;
  };
  extra_fields?: {
    provider?: string;
    model_requested?: string;
    request_type?: string;
  };
}
