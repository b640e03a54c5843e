import type { Socket } from 'node:net';
import { SendStalls, STALLED_AT_CAP_MS } from '../../../src/hosts/express/sendStalls.js';

/** Just what SendStalls reads of a socket: what Node still holds to send, and what libuv has not written yet. */
interface FakeSocket {
  writableLength: number;
  destroyed: boolean;
  _handle: { writeQueueSize: number };
  destroy(): void;
}

function fakeSocket(writableLength = 0, writeQueueSize = 0): FakeSocket {
  const socket: FakeSocket = {
    writableLength,
    destroyed: false,
    _handle: { writeQueueSize },
    destroy: () => {
      socket.destroyed = true;
    },
  };
  return socket;
}

const asSockets = (sockets: FakeSocket[]) => sockets as unknown as Socket[];

describe('SendStalls', () => {
  test('closes a connection whose answer has not moved for the timeout, and no other', () => {
    const stuck = fakeSocket(4096, 4096);
    const moving = fakeSocket(4096, 4096);
    const done = fakeSocket(0, 0);
    const stalls = new SendStalls(3000, () => asSockets([stuck, moving, done]));
    for (let now = 0; now <= 3000; now += 1000) {
      stalls.check(now);
      moving._handle.writeQueueSize -= 100; // the kernel takes a little each second
    }
    expect(stuck.destroyed).toBe(true);
    expect(moving.destroyed).toBe(false);
    expect(done.destroyed).toBe(false);
  });

  test('an answer that moves, or gets more to send, starts its wait over', () => {
    const socket = fakeSocket(4096, 4096);
    const stalls = new SendStalls(3000, () => asSockets([socket]));
    stalls.check(0);
    stalls.check(2000);
    socket.writableLength += 512; // more was queued: its server side is alive
    stalls.check(2500);
    stalls.check(5000);
    expect(socket.destroyed).toBe(false);
    stalls.check(5500);
    expect(socket.destroyed).toBe(true);
  });

  test('at the cap it closes the connection stalled the longest, only once it has stalled a second or more', () => {
    const older = fakeSocket(1000, 1000);
    const newer = fakeSocket(1000, 1000);
    const stalls = new SendStalls(30_000, () => asSockets([older, newer]));
    stalls.check(0);
    expect(stalls.closeLongestStalled(asSockets([older, newer]), STALLED_AT_CAP_MS - 1)).toBeUndefined();
    // `older` stalled since 0; `newer` moved at 500, so it stalled only since then.
    newer._handle.writeQueueSize = 900;
    stalls.check(500);
    expect(stalls.closeLongestStalled(asSockets([older, newer]), 1600)).toBe(older);
    expect(older.destroyed).toBe(true);
    expect(newer.destroyed).toBe(false);
  });

  test('an answer that moved since the last check is not taken for stalled at the cap', () => {
    const socket = fakeSocket(1000, 1000);
    const stalls = new SendStalls(30_000, () => asSockets([socket]));
    stalls.check(0);
    socket._handle.writeQueueSize = 10;
    expect(stalls.closeLongestStalled(asSockets([socket]), 5000)).toBeUndefined();
    expect(socket.destroyed).toBe(false);
  });
});
