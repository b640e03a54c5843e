import { TurnBatch } from '../../../src/hosts/express/turnBatch.js';

const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));
const quiet = () => undefined;

/** A batch whose decisions each add a write, as the Node host's do; what happens is logged in order. */
function recording(log: (line: string) => void = quiet) {
  const order: string[] = [];
  const batch: TurnBatch<string, string> = new TurnBatch(
    (request) => {
      order.push(`decide ${request}`);
      batch.addWrite(request);
    },
    (reply) => order.push(`write ${reply}`),
    log,
  );
  return { batch, order };
}

describe('TurnBatch', () => {
  it('decides every request of the turn, then writes every reply, at the end of that turn', async () => {
    const { batch, order } = recording();
    batch.addDecision('a');
    batch.addDecision('b');
    batch.addDecision('c');
    expect(order).toEqual([]);
    expect(batch.size).toBe(3);
    await turnEnds();
    expect(order).toEqual(['decide a', 'decide b', 'decide c', 'write a', 'write b', 'write c']);
    expect(batch.size).toBe(0);
  });

  it('writes a reply added outside a flush (one that waited for a promise) at the end of its turn', async () => {
    const { batch, order } = recording();
    batch.addWrite('late');
    expect(order).toEqual([]);
    await turnEnds();
    expect(order).toEqual(['write late']);
  });

  it('answers a lone request within its own turn', async () => {
    const { batch, order } = recording();
    batch.addDecision('lone');
    await turnEnds();
    expect(order).toEqual(['decide lone', 'write lone']);
  });

  it('decidePending decides at once what waits, in order; the writes still wait for the turn', async () => {
    const { batch, order } = recording();
    batch.addDecision('first');
    batch.addDecision('second');
    batch.decidePending();
    order.push('admin call');
    expect(order).toEqual(['decide first', 'decide second', 'admin call']);
    await turnEnds();
    expect(order).toEqual(['decide first', 'decide second', 'admin call', 'write first', 'write second']);
  });

  it('takes work added while it flushes in the next turn', async () => {
    const order: string[] = [];
    const batch: TurnBatch<string, string> = new TurnBatch(quiet, (reply) => {
      order.push(reply);
      if (reply === 'first') batch.addWrite('added while writing');
    }, quiet);
    batch.addWrite('first');
    await turnEnds();
    expect(order).toEqual(['first']);
    expect(batch.size).toBe(1);
    await turnEnds();
    expect(order).toEqual(['first', 'added while writing']);
  });

  it('logs a step that throws and still does the rest (nothing reaches the process)', async () => {
    const logs: string[] = [];
    const written: string[] = [];
    const batch = new TurnBatch<string, string>(
      (request) => {
        if (request === 'bad') throw new Error('planted in a decision');
        batch.addWrite(request);
      },
      (reply) => {
        if (reply === 'worse') throw new Error('planted in a write');
        written.push(reply);
      },
      (line) => logs.push(line),
    );
    batch.addDecision('bad');
    batch.addDecision('good');
    batch.addWrite('worse');
    await turnEnds();
    expect(written).toEqual(['good']);
    expect(logs).toEqual([expect.stringContaining('planted in a decision'), expect.stringContaining('planted in a write')]);
  });
});
