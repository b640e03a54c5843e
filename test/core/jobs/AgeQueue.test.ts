import { AgeQueue } from '../../../src/core/jobs/AgeQueue.js';
import { collectGarbage } from '../../support/collectGarbage.js';

describe('the age queue', () => {
  test('items come out in the order they went in, then undefined', () => {
    const queue = new AgeQueue<number>();
    for (const n of [3, 1, 2]) queue.push(n);
    expect([queue.shift(), queue.shift(), queue.length, queue.shift(), queue.shift()]).toEqual([3, 1, 1, 2, undefined]);
    expect(queue.length).toBe(0);
  });

  test('a queue that is shifted as fast as it is pushed holds a bounded array, however long it runs', () => {
    const queue = new AgeQueue<number>();
    for (let i = 0; i < 100; i++) queue.push(i);
    let outOfOrder = 0;
    for (let i = 100; i < 200_000; i++) {
      queue.push(i);
      if (queue.shift() !== i - 100) outOfOrder += 1;
    }
    expect(outOfOrder).toBe(0);
    expect(queue.length).toBe(100);
    expect(queue.held).toBeLessThan(2 * 1024 + 100);
  });

  test('retain keeps the accepted items in order and drops the consumed front', () => {
    const queue = new AgeQueue<number>();
    for (let i = 0; i < 10; i++) queue.push(i);
    queue.shift();
    queue.retain((n) => n % 3 !== 0);
    expect(queue.held).toBe(6);
    expect(Array.from({ length: 7 }, () => queue.shift())).toEqual([1, 2, 4, 5, 7, 8, undefined]);
  });

  test('a shifted item is not kept alive by the queue, before the front is dropped', async () => {
    const queue = new AgeQueue<{ n: number }>();
    const refs = Array.from({ length: 10 }, (_, n) => {
      const item = { n };
      queue.push(item);
      return new WeakRef(item);
    });
    for (let i = 0; i < 4; i++) queue.shift();
    await collectGarbage();
    expect(refs.map((ref) => ref.deref()?.n)).toEqual([undefined, undefined, undefined, undefined, 4, 5, 6, 7, 8, 9]);
  });
});
