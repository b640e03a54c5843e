/**
 * The format and pixel size of a PNG, JPEG or WebP image, read from its headers alone (no
 * decoding). Plain `Uint8Array` work, no Node API, so the same code runs in a browser.
 */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

/** `undefined` when the bytes are none of the three, or too short or broken to tell the size. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return pngInfo(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegInfo(bytes);
  if (fourCC(bytes, 0) === 'RIFF' && fourCC(bytes, 8) === 'WEBP') return webpInfo(bytes);
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the first chunk must be IHDR, whose data starts with width and height (PNG spec §11.2.2). */
function pngInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 24 || fourCC(bytes, 12) !== 'IHDR') return undefined;
  return sized('png', u32be(bytes, 16), u32be(bytes, 20));
}

/**
 * JPEG: walk the marker segments (APPn/EXIF, DQT, DHT, ...) to the first start-of-frame, whose
 * data holds precision, height and width (ITU T.81 §B.2.2). Scan data comes only after SOS, so
 * reaching SOS or EOI first means there is no frame header to read.
 */
function jpegInfo(bytes: Uint8Array): ImageInfo | undefined {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker (§B.1.1.2).
    while (bytes[at] === 0xff) at++;
    const marker = bytes[at];
    if (marker === undefined) return undefined;
    at++;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length: TEM, RSTn
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI or SOS before any frame
    if (at + 2 > bytes.length) return undefined;
    const length = u16be(bytes, at);
    if (length < 2 || at + length > bytes.length) return undefined;
    if (isStartOfFrame(marker)) {
      if (length < 7) return undefined;
      return sized('jpeg', u16be(bytes, at + 5), u16be(bytes, at + 3));
    }
    at += length;
  }
  return undefined;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * WebP: the first chunk says the kind (Google's "WebP Container Specification"): `VP8 ` (lossy:
 * a key frame header with 14-bit sizes), `VP8L` (lossless: 14-bit sizes minus one after a
 * signature byte) or `VP8X` (extended: 24-bit canvas sizes minus one).
 */
function webpInfo(bytes: Uint8Array): ImageInfo | undefined {
  const chunk = fourCC(bytes, 12);
  const data = 20;
  if (chunk === 'VP8 ') {
    if (bytes.length < data + 10) return undefined;
    // The frame tag (3 bytes), then the key frame's start code 9d 01 2a.
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) return undefined;
    return sized('webp', u16le(bytes, data + 6) & 0x3fff, u16le(bytes, data + 8) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes.length < data + 5 || bytes[data] !== 0x2f) return undefined;
    const bits = u32le(bytes, data + 1);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    if (bytes.length < data + 10) return undefined;
    return sized('webp', u24le(bytes, data + 4) + 1, u24le(bytes, data + 7) + 1);
  }
  return undefined;
}

function sized(format: ImageInfo['format'], width: number, height: number): ImageInfo | undefined {
  return width > 0 && height > 0 ? { format, width, height } : undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** Four bytes as latin1 text ('' past the end). */
function fourCC(bytes: Uint8Array, at: number): string {
  if (at + 4 > bytes.length) return '';
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32le = (b: Uint8Array, at: number): number => u24le(b, at) + b[at + 3]! * 0x1000000;
/** Unsigned, so never negative (`<<` would make the top bit a sign). */
const u32be = (b: Uint8Array, at: number): number => b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
