/**
 * What a player learns from an MP4's box tree before decoding anything: the movie's duration,
 * the video track's size, and which kinds of track it carries. Plain `Uint8Array`/`DataView`
 * work, no Node API, so the same code runs in a browser.
 */
export interface Mp4Info {
  durationSeconds: number;
  /** The first video track's presentation size; 0 when there is no video track. */
  width: number;
  height: number;
  hasAudio: boolean;
  hasVideo: boolean;
}

interface Box {
  type: string;
  /** Where the box's payload starts and where the box ends (exclusive). */
  start: number;
  end: number;
}

/**
 * `undefined` unless the bytes are a whole ISO base media file (ISO/IEC 14496-12) with `ftyp`,
 * a `moov` holding `mvhd`, and an `mdat` (the samples: a fast-start download cut right after
 * its header boxes has none). A box running past its parent's end (a truncated download) or a
 * size too small to be a box makes the file unreadable, as it would for a strict player.
 */
export function mp4Info(bytes: Uint8Array): Mp4Info | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = boxesIn(view, 0, bytes.length);
  if (!top || top[0]?.type !== 'ftyp' || !first(top, 'mdat')) return undefined;
  const moov = childrenOf(view, top, 'moov');
  const mvhd = moov && first(moov, 'mvhd');
  const duration = mvhd && movieDuration(view, mvhd);
  if (!moov || !duration) return undefined;

  const info: Mp4Info = { ...duration, width: 0, height: 0, hasAudio: false, hasVideo: false };
  for (const trak of moov.filter((box) => box.type === 'trak')) {
    const parts = boxesIn(view, trak.start, trak.end);
    const mdia = parts && childrenOf(view, parts, 'mdia');
    const hdlr = mdia && first(mdia, 'hdlr');
    if (!hdlr || hdlr.end - hdlr.start < 12) return undefined;
    // version and flags (4), pre_defined (4), then handler_type.
    const handler = fourCC(view, hdlr.start + 8);
    if (handler === 'soun') info.hasAudio = true;
    if (handler !== 'vide' || info.hasVideo) continue;
    const tkhd = first(parts, 'tkhd');
    const size = tkhd && trackSize(view, tkhd);
    if (!size) return undefined;
    Object.assign(info, size, { hasVideo: true });
  }
  return info;
}

/**
 * The boxes from `start` to `end`, which they must fill exactly. A 32-bit size of 1 means a
 * 64-bit size follows the type; 0 means the box runs to the end of its parent.
 */
function boxesIn(view: DataView, start: number, end: number): Box[] | undefined {
  const boxes: Box[] = [];
  for (let at = start; at < end; ) {
    if (at + 8 > end) return undefined;
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return undefined;
      size = u64(view, at + 8);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) return undefined;
    boxes.push({ type: fourCC(view, at + 4), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

function first(boxes: Box[], type: string): Box | undefined {
  return boxes.find((box) => box.type === type);
}

/** The children of the first box of `type` among `boxes`, or undefined when there is none or they do not parse. */
function childrenOf(view: DataView, boxes: Box[], type: string): Box[] | undefined {
  const box = first(boxes, type);
  return box && boxesIn(view, box.start, box.end);
}

/** mvhd: version 0 has 32-bit times (timescale at 12), version 1 64-bit ones (timescale at 20). */
function movieDuration(view: DataView, mvhd: Box): { durationSeconds: number } | undefined {
  if (mvhd.start >= mvhd.end) return undefined;
  const version = view.getUint8(mvhd.start);
  const at = mvhd.start + (version === 1 ? 20 : 12);
  const needed = version === 1 ? 12 : 8;
  if (version > 1 || at + needed > mvhd.end) return undefined;
  const timescale = view.getUint32(at);
  const duration = version === 1 ? u64(view, at + 4) : view.getUint32(at + 4);
  if (timescale === 0) return undefined;
  return { durationSeconds: duration / timescale };
}

/**
 * tkhd: after the times, track id and duration (24 bytes in version 0, 36 in version 1) come
 * 52 bytes of layer, volume and matrix, then width and height as 16.16 fixed point.
 */
function trackSize(view: DataView, tkhd: Box): { width: number; height: number } | undefined {
  if (tkhd.start >= tkhd.end) return undefined;
  const version = view.getUint8(tkhd.start);
  const at = tkhd.start + (version === 1 ? 36 : 24) + 52;
  if (version > 1 || at + 8 > tkhd.end) return undefined;
  return { width: view.getUint32(at) / 0x10000, height: view.getUint32(at + 4) / 0x10000 };
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at) * 0x1_0000_0000 + view.getUint32(at + 4);
}

function fourCC(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}
