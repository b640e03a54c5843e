import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { BUFFERED_BODY_MAX_BYTES, bufferableLength, takeBufferedBody } from '../../../src/hosts/express/bufferedBody.js';

/** A request as Node's parser leaves it: headers, the body chunks pushed so far, whether it is complete. */
function request(headers: Record<string, string>, chunks: string[] = [], complete = false): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  for (const chunk of chunks) req.push(Buffer.from(chunk));
  req.complete = complete;
  return req;
}

describe('bufferableLength', () => {
  test('a declared length from 1 byte to the maximum is taken whole; anything else is read as a stream', () => {
    expect(bufferableLength(request({ 'content-length': '1' }))).toBe(1);
    expect(bufferableLength(request({ 'content-length': String(BUFFERED_BODY_MAX_BYTES) }))).toBe(BUFFERED_BODY_MAX_BYTES);
    expect(bufferableLength(request({ 'content-length': String(BUFFERED_BODY_MAX_BYTES + 1) }))).toBeUndefined();
    expect(bufferableLength(request({ 'content-length': '0' }))).toBeUndefined();
    expect(bufferableLength(request({}))).toBeUndefined();
    expect(bufferableLength(request({ 'transfer-encoding': 'chunked' }))).toBeUndefined();
    expect(bufferableLength(request({ 'content-length': '10', 'transfer-encoding': 'chunked' }))).toBeUndefined();
  });

  test('the maximum stays below the request stream high-water mark, so Node never pauses a connection for such a body', () => {
    expect(BUFFERED_BODY_MAX_BYTES).toBeLessThan(request({}).readableHighWaterMark);
  });
});

describe('takeBufferedBody', () => {
  test('a complete body is taken whole, in one buffer, however many chunks it came in', () => {
    const req = request({ 'content-length': '10' }, ['{"a":', '"bc"', '}'], true);
    expect(takeBufferedBody(req, 10)?.toString()).toBe('{"a":"bc"}');
    expect(req.readableLength).toBe(0);
  });

  test('a body not complete yet, or not all there, is left where it is', () => {
    const partial = request({ 'content-length': '10' }, ['{"a":'], false);
    expect(takeBufferedBody(partial, 10)).toBeUndefined();
    expect(partial.readableLength).toBe(5);
    const short = request({ 'content-length': '10' }, ['{"a":'], true);
    expect(takeBufferedBody(short, 10)).toBeUndefined();
    expect(short.readableLength).toBe(5);
  });

  test('nothing is taken from a request whose client has gone', () => {
    const req = request({ 'content-length': '2' }, ['{}'], true);
    req.destroy();
    expect(takeBufferedBody(req, 2)).toBeUndefined();
  });
});
