/**
 * Headers a fault rule may not set on its response. They frame the message or belong to one
 * hop of the connection, so they are the server's to write: a rule's `Trailer` made Node throw
 * on the first matching request, and a rule's `Content-Length` or `Transfer-Encoding` sent a
 * response with both, which clients cannot parse. `Content-Type` is always JSON here.
 */
const serverOwned = new Map<string, string>([
  ['connection', 'a hop-by-hop header'],
  ['keep-alive', 'a hop-by-hop header'],
  ['proxy-connection', 'a hop-by-hop header'],
  ['proxy-authenticate', 'a hop-by-hop header'],
  ['proxy-authorization', 'a hop-by-hop header'],
  ['te', 'a hop-by-hop header'],
  ['trailer', 'a hop-by-hop header'],
  ['upgrade', 'a hop-by-hop header'],
  ['transfer-encoding', 'a framing header'],
  ['content-length', 'a framing header'],
  ['content-encoding', 'a framing header (the body is never encoded)'],
  ['content-type', 'always application/json'],
  ['http2-settings', 'a hop-by-hop header'],
]);

/** Why a rule may not set this header (any case), or undefined when it may. */
export function refusedResponseHeader(name: string): string | undefined {
  const reason = serverOwned.get(name.toLowerCase());
  return reason && `${name} is ${reason} the mock writes itself; a rule may not set it`;
}
