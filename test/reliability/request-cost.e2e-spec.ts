import { performance } from 'node:perf_hooks';
import { MAX_KEYS_PER_OBJECT } from '../../src/payload/payload-shape.js';
import { echoPayload } from '../support/payloads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { takeMachine } from '../support/machine-lock.js';

/**
 * Bodies under MAX_PAYLOAD_BYTES (1 MiB) whose shape used to cost seconds before any limit
 * was checked: one object of 120,000 keys (class-transformer's O(n²) duplicate-key removal
 * held the event loop 5–11 s) and 33,809 small messages (415 ms of validation before the
 * MAX_MESSAGES check). Both are now refused by a linear pre-pass before anything maps them.
 */
describe('bounded request cost', () => {
  let releaseMachine: () => void;
  beforeAll(async () => (releaseMachine = await takeMachine()), 600_000);
  afterAll(() => releaseMachine());
  let service: TestApp;
  beforeAll(async () => (service = await startTestApp()));
  afterAll(() => service.close());

  const manyKeys = () => {
    const payload = echoPayload('hi') as Record<string, any>;
    payload.input.variables = Object.fromEntries(
      Array.from({ length: 120_000 }, (_, index) => [index.toString(36), 0]),
    );
    return JSON.stringify(payload);
  };
  const manyMessages = () => {
    const payload = echoPayload('hi') as Record<string, any>;
    payload.input.messages = Array.from({ length: 33_809 }, () => ({ role: 'user', content: 'x' }));
    return JSON.stringify(payload);
  };

  /** POSTs `body` while /health is asked every 10 ms; the slowest health answer and the refusal's time. */
  async function refusedWhileHealthy(body: string) {
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    let slowestHealthMs = 0;
    let posting = true;
    const probe = (async () => {
      while (posting) {
        const started = performance.now();
        await fetch(`${service.baseUrl}/health`);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = performance.now();
    const response = await fetch(`${service.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const refusedAfterMs = performance.now() - started;
    posting = false;
    await probe;
    return {
      status: response.status,
      error: ((await response.json()) as any).error,
      refusedAfterMs,
      slowestHealthMs,
    };
  }

  // Bounds with room for a loaded 2-core CI machine; measured figures are in docs/reliability.md.
  const REFUSAL_BOUND_MS = 250;

  it('one object of 120,000 keys is refused at once, naming the object', async () => {
    const answer = await refusedWhileHealthy(manyKeys());
    expect(answer.status).toBe(400);
    expect(answer.error.details).toEqual([
      {
        path: 'input.variables',
        message: `an object may have at most ${MAX_KEYS_PER_OBJECT} keys`,
      },
    ]);
    expect(answer.refusedAfterMs).toBeLessThan(REFUSAL_BOUND_MS);
    expect(answer.slowestHealthMs).toBeLessThan(REFUSAL_BOUND_MS);
  });

  it('33,809 messages are refused before they are parsed', async () => {
    const answer = await refusedWhileHealthy(manyMessages());
    expect(answer.status).toBe(400);
    // 33,809 items and 67,618 keys: past MAX_PAYLOAD_KEYS before MAX_MESSAGES is reached.
    expect(answer.error.details).toEqual([
      { path: '', message: 'at most 50000 keys and array items are accepted (MAX_PAYLOAD_KEYS)' },
    ]);
    expect(answer.refusedAfterMs).toBeLessThan(REFUSAL_BOUND_MS);
    expect(answer.slowestHealthMs).toBeLessThan(REFUSAL_BOUND_MS);
  });

  it('more than MAX_PAYLOAD_KEYS members in all are refused', async () => {
    const payload = echoPayload('hi') as Record<string, any>;
    payload.input.variables = Object.fromEntries(
      Array.from({ length: 60 }, (_, index) => [`v${index}`, Array.from({ length: 900 }, () => 0)]),
    );
    const answer = await refusedWhileHealthy(JSON.stringify(payload));
    expect(answer.status).toBe(400);
    expect(answer.error.details).toEqual([
      { path: '', message: 'at most 50000 keys and array items are accepted (MAX_PAYLOAD_KEYS)' },
    ]);
  });
});
