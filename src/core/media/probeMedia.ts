/**
 * Reads what a player would see in a media file's headers, without decoding: an image's
 * format and size, an MP4's duration, size and tracks. Pure `Uint8Array` code, no Node API,
 * so tests, the server and browser code can share it.
 */
export { imageInfo, type ImageInfo } from './imageInfo.js';
export { mp4Info, type Mp4Info } from './mp4Info.js';
