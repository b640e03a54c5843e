import { WriteBatch } from '../../../src/hosts/express/writeBatch.js';

const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteBatch', () => {
  it('holds what is added during a turn and writes it all, in order, at the end of that turn', async () => {
    const written: string[] = [];
    const batch = new WriteBatch<string>((item) => written.push(item), () => undefined);
    batch.add('a');
    batch.add('b');
    batch.add('c');
    expect(written).toEqual([]);
    expect(batch.size).toBe(3);
    await turnEnds();
    expect(written).toEqual(['a', 'b', 'c']);
    expect(batch.size).toBe(0);
  });

  it('writes a lone item at the end of its own turn, before any timer', async () => {
    const order: string[] = [];
    const batch = new WriteBatch<string>((item) => order.push(item), () => undefined);
    setTimeout(() => order.push('timer'), 0);
    batch.add('lone');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order[0]).toBe('lone');
  });

  it('starts a new batch for what is added while one is written', async () => {
    const written: string[] = [];
    const batch = new WriteBatch<string>((item) => {
      written.push(item);
      if (item === 'first') batch.add('added while writing');
    }, () => undefined);
    batch.add('first');
    await turnEnds();
    expect(written).toEqual(['first']);
    expect(batch.size).toBe(1);
    await turnEnds();
    expect(written).toEqual(['first', 'added while writing']);
  });

  it('logs a write that throws and still writes the rest (nothing reaches the process)', async () => {
    const written: string[] = [];
    const logs: string[] = [];
    const batch = new WriteBatch<string>((item) => {
      if (item === 'bad') throw new Error('planted');
      written.push(item);
    }, (line) => logs.push(line));
    batch.add('bad');
    batch.add('good');
    await turnEnds();
    expect(written).toEqual(['good']);
    expect(logs).toEqual([expect.stringContaining('planted')]);
  });
});
