import { setTimeout as sleep } from 'node:timers/promises';
import { ConsumerLeft, pulled } from './pulled.js';

async function collect<Value, Result>(generator: AsyncGenerator<Value, Result>) {
  const values: Value[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { values, result: step.value };
    values.push(step.value);
  }
}

describe('pulled (an async generator over what a producer pushes)', () => {
  it('yields every pushed value in order, then returns what the producer resolves to', async () => {
    const generator = pulled<number, string>(async (push) => {
      for (const value of [1, 2, 3]) await push(value);
      return 'end';
    });
    expect(await collect(generator)).toEqual({ values: [1, 2, 3], result: 'end' });
  });

  it('keeps the producer at most one value ahead of the consumer', async () => {
    const pushed: number[] = [];
    const generator = pulled<number, void>(async (push) => {
      for (const value of [1, 2, 3, 4]) {
        pushed.push(value);
        await push(value);
      }
    });
    expect((await generator.next()).value).toBe(1);
    await sleep(10);
    expect(pushed).toEqual([1, 2]);
    await collect(generator);
    expect(pushed).toEqual([1, 2, 3, 4]);
  });

  it("throws the producer's failure after the values it pushed", async () => {
    const failure = new Error('upstream broke');
    const generator = pulled<number, void>(async (push) => {
      await push(1);
      throw failure;
    });
    expect((await generator.next()).value).toBe(1);
    await expect(generator.next()).rejects.toBe(failure);
  });

  it('tells a producer that the consumer left: its pending push rejects', async () => {
    let stoppedWith: unknown;
    let finished!: () => void;
    const producerDone = new Promise<void>((resolve) => (finished = resolve));
    const generator = pulled<number, void>(async (push) => {
      try {
        for (let value = 0; ; value += 1) await push(value);
      } catch (error) {
        stoppedWith = error;
      } finally {
        finished();
      }
    });
    expect((await generator.next()).value).toBe(0);
    await generator.return(undefined);
    await producerDone;
    expect(stoppedWith).toBeInstanceOf(ConsumerLeft);
  });
});
