/** What a producer's `push` throws once the consumer left: the producer stops there. */
export class ConsumerLeft extends Error {
  constructor() {
    super('the consumer stopped reading');
    this.name = 'ConsumerLeft';
  }
}

type Settled<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * An async generator over what `produce` pushes, for the few consumers that pull what a
 * push-based producer gives (LangChain's stream of a model turn). `push` resolves once its
 * value was taken, so the producer runs at most one value ahead; once the consumer leaves,
 * a pending or later `push` rejects with ConsumerLeft. The generator returns what `produce`
 * resolves to, or throws what it rejects with.
 */
export async function* pulled<Value, Result>(
  produce: (push: (value: Value) => Promise<void>) => Promise<Result>,
): AsyncGenerator<Value, Result> {
  let offered: { value: Value; taken: () => void; left: (error: Error) => void } | undefined;
  let wake: (() => void) | undefined;
  let consumerLeft = false;
  let settled: Settled<Result> | undefined;
  const push = (value: Value) =>
    consumerLeft
      ? Promise.reject(new ConsumerLeft())
      : new Promise<void>((taken, left) => {
          offered = { value, taken, left };
          wake?.();
        });
  const end = (outcome: Settled<Result>) => {
    settled = outcome;
    wake?.();
  };
  void produce(push).then(
    (value) => end({ ok: true, value }),
    (error: unknown) => end({ ok: false, error }),
  );
  try {
    for (;;) {
      if (offered) {
        const { value, taken } = offered;
        offered = undefined;
        taken();
        yield value;
      } else if (settled) {
        if (settled.ok) return settled.value;
        throw settled.error;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  } finally {
    consumerLeft = true;
    offered?.left(new ConsumerLeft());
  }
}
