import { imageInfo, mp4Info } from '../core/media/probeMedia.js';
import type { CheckResult } from './CheckResult.js';
import type { TargetClient, TargetResponse } from './createTargetClient.js';
import { judgeRefusal, messageOf, toCheck, unexpectedStatus } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';

/** What a job says its media are. */
export interface JobMedia {
  id: string;
  size: string;
  /** `null` when the job does not say (the gateway may send `seconds: null`). */
  seconds: string | null;
}

/** An MP4 may run a frame or two past or short of the seconds asked for. */
const DURATION_TOLERANCE_SECONDS = 0.5;
/** The part of the video a Range request asks for. */
const RANGE_BYTES = 100;

type Verdict = Pick<CheckResult, 'status' | 'detail'>;
const failed = (detail: string): Verdict => ({ status: 'failed', detail });

/**
 * A completed job's content, read as a player would (headers only, in JS): the video's duration
 * and size and the thumbnail's size must be the job's; the spritesheet must be the image its
 * Content-Type says; a `Range` gets 206 with `Content-Range` and exactly those bytes, a range
 * past the end 416. Every answer is judged against the spec (status, Content-Type, headers).
 */
export async function mediaChecks(client: TargetClient, judge: ResponseJudge, path: string, job: JobMedia, scope: string): Promise<CheckResult[]> {
  const content = (variant?: string, headers?: Record<string, string>) =>
    // Any media type: the answer is a file, not JSON.
    client.send({ path: `${path}/content`, ...(variant && { query: { variant } }), headers: { accept: '*/*', ...headers } });
  const [video, thumbnail, spritesheet] = await Promise.all([content(), content('thumbnail'), content('spritesheet')]);
  const [width, height] = job.size.split('x').map(Number) as [number, number];
  const results = [
    toCheck('content.video', scope, video, judgeFile(video, judge, 'video/', () => judgeVideo(video, job, width, height))),
    toCheck('content.thumbnail', scope, thumbnail, judgeFile(thumbnail, judge, 'image/', () => judgeImage(thumbnail, { width, height }))),
    toCheck('content.spritesheet', scope, spritesheet, judgeFile(spritesheet, judge, 'image/', () => judgeImage(spritesheet))),
  ];
  if (video.status !== 200 || video.bytes.length < 2) {
    const why = 'the video could not be downloaded whole';
    return [...results, { name: 'content.range', scope, status: 'skipped', detail: why }, { name: 'content.range-unsatisfiable', scope, status: 'skipped', detail: why }];
  }
  const total = video.bytes.length;
  const last = Math.min(RANGE_BYTES, total - 1) - 1;
  const [partRange, pastRange] = [{ range: `bytes=0-${last}` }, { range: `bytes=${total}-` }];
  const [part, past] = await Promise.all([content('video', partRange), content('video', pastRange)]);
  results.push(toCheck('content.range', scope, part, judgeRange(part, judge, video.bytes, last), { headers: partRange }));
  results.push(toCheck('content.range-unsatisfiable', `${scope}, Range: bytes=${total}- of ${total}`, past, judgeRefusal(past, judge, { status: 416 }), { headers: pastRange }));
  return results;
}

/** 200, a declared Content-Type of the right kind, a Content-Length that is the body's, then what the bytes say. */
function judgeFile(response: TargetResponse, judge: ResponseJudge, kind: string, judgeBytes: () => Verdict): Verdict {
  if (response.status !== 200) return failed(unexpectedStatus(response)!);
  const problem = judge(response);
  if (problem) return failed(problem);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith(kind)) return failed(`Content-Type is ${JSON.stringify(type)}, expected ${kind}...`);
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) !== response.bytes.length) return failed(`Content-Length says ${length}, the body has ${response.bytes.length} bytes`);
  if (response.bytes.length === 0) return failed('the body is empty');
  return judgeBytes();
}

function judgeVideo(response: TargetResponse, job: JobMedia, width: number, height: number): Verdict {
  const info = mp4Info(response.bytes);
  if (!info) return failed(`the ${response.bytes.length} bytes are not a readable MP4`);
  if (!info.hasVideo) return failed('the MP4 has no video track');
  if (info.width !== width || info.height !== height) return failed(`the MP4 is ${info.width}x${info.height}, the job's size is ${job.size}`);
  const seconds = job.seconds === null ? undefined : Number(job.seconds);
  const duration = Math.round(info.durationSeconds * 100) / 100;
  if (seconds !== undefined && Math.abs(info.durationSeconds - seconds) > DURATION_TOLERANCE_SECONDS) {
    return failed(`the MP4 lasts ${duration} s, the job asked for ${job.seconds} s`);
  }
  return { status: 'passed', detail: `${response.bytes.length} bytes of ${response.headers.get('content-type')}: ${info.width}x${info.height}, ${duration} s${seconds === undefined ? ' (the job gives no seconds)' : ''}` };
}

function judgeImage(response: TargetResponse, size?: { width: number; height: number }): Verdict {
  const info = imageInfo(response.bytes);
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!info) return failed(`the ${response.bytes.length} bytes are not a readable PNG, JPEG or WebP image`);
  if (type !== `image/${info.format}`) return failed(`Content-Type says ${type}, the bytes are ${info.format}`);
  if (size && (info.width !== size.width || info.height !== size.height)) return failed(`the ${info.format} is ${info.width}x${info.height}, the job's size is ${size.width}x${size.height}`);
  return { status: 'passed', detail: `${response.bytes.length} bytes of ${type}, ${info.width}x${info.height}` };
}

function judgeRange(part: TargetResponse, judge: ResponseJudge, whole: Buffer, last: number): Verdict {
  const total = whole.length;
  if (part.status === 200) return failed(`Range: bytes=0-${last} answered 200 with ${part.bytes.length} bytes (the whole file), expected 206`);
  if (part.status !== 206) return failed(`Range: bytes=0-${last} answered ${part.status || 'nothing'}, expected 206${messageOf(part)}`);
  const problem = judge(part);
  if (problem) return failed(problem);
  const range = part.headers.get('content-range');
  if (range !== `bytes 0-${last}/${total}`) return failed(`Content-Range is ${JSON.stringify(range)}, expected "bytes 0-${last}/${total}"`);
  if (!part.bytes.equals(whole.subarray(0, last + 1))) return failed(`the ${part.bytes.length} bytes are not the first ${last + 1} bytes of the file`);
  return { status: 'passed', detail: `206 with Content-Range: ${range} and those bytes` };
}
