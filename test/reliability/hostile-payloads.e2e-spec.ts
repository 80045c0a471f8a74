import fc from 'fast-check';
import request from 'supertest';
import { echoPayload } from '../support/payloads.js';
import { parseSseText } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PATHS = [
  '',
  'task_meta',
  'task_meta.workflow_id',
  'task_meta.trace_id',
  'task_meta.user_id',
  'input',
  'input.messages',
  'input.messages.0',
  'input.messages.0.role',
  'input.messages.0.content',
  'input.variables',
  'runtime_config',
  'runtime_config.model',
  'runtime_config.model.base_url',
  'runtime_config.model.model_name',
  'runtime_config.model.temperature',
  'runtime_config.model.max_tokens',
  'runtime_config.tools',
  'runtime_config.vault',
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'polluted',
];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { deeper: value };
  return value;
}

/** An object of `keys` keys: past MAX_KEYS_PER_OBJECT, once parsed it would cost O(keys²). */
const wideObject = (keys: number) =>
  Object.fromEntries(Array.from({ length: keys }, (_, index) => [index.toString(36), 0]));

const hostileValue = fc.oneof(
  fc.integer({ min: 1001, max: 20_000 }).map(wideObject),
  fc
    .integer({ min: 1001, max: 8000 })
    .map((count) => Array.from({ length: count }, () => ({ role: 'user', content: 'x' }))),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.constant('x'.repeat(300_000)),
  fc.integer({ min: 1, max: 3000 }).map(nested),
  fc.constantFrom(1e308, -1e308, -1, 0, 2.5, 10_000_000_000, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(null, true, [], {}, '', 'agent_chat', 'echo', 'ftp://x', 'http://127.0.0.1:1/v1'),
);

/** The valid echo payload with one hostile change: a value replaced, or a hostile key added. */
const mutatedPayload = fc
  .record({
    path: fc.constantFrom(...PATHS),
    key: fc.option(fc.constantFrom(...HOSTILE_KEYS)),
    value: hostileValue,
  })
  .map(({ path, key, value }) => {
    const payload = JSON.parse(JSON.stringify(echoPayload('hello hostile world'))) as Record<
      string,
      unknown
    >;
    const segments = path ? path.split('.') : [];
    const parentPath = key === null ? segments.slice(0, -1) : segments;
    let target: any = payload;
    for (const segment of parentPath) target = target?.[segment];
    if (target === null || typeof target !== 'object') return JSON.stringify(payload);
    const name = key ?? segments.at(-1);
    if (name === undefined) return JSON.stringify(value);
    // defineProperty makes an own "__proto__" key, as JSON.parse would.
    Object.defineProperty(target, name, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return JSON.stringify(payload);
  });

describe('hostile payloads (property-based)', () => {
  let service: TestApp;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  beforeAll(async () => (service = await startTestApp({ env: { MAX_PAYLOAD_BYTES: '262144' } })));

  async function expectHandled(body: string | Buffer): Promise<void> {
    const response = await request(service.baseUrl)
      .post('/v1/run_workflow')
      .set('content-type', 'application/json')
      .send(body);
    expect(response.status).not.toBeGreaterThanOrEqual(500);
    if (response.status === 200) {
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseSseText(response.text);
      expect(events.map((event) => Number(event.id))).toEqual(
        events.map((_event, index) => index + 1),
      );
      expect(events.filter((event) => event.event === 'done')).toHaveLength(1);
      expect(events.at(-1)?.event).toBe('done');
    } else {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(typeof response.body.error.code).toBe('string');
    }
  }

  it('answers thousands of mutated payloads with a 4xx JSON error or a well-formed stream', async () => {
    await fc.assert(fc.asyncProperty(mutatedPayload, expectHandled), { numRuns: 1500 });
  }, 120_000);

  it('answers arbitrary JSON and non-JSON bodies the same way', async () => {
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(fc.asyncProperty(bodies, expectHandled), { numRuns: 500 });
  }, 120_000);

  it('survives invalid UTF-8 inside a string value', async () => {
    const text = JSON.stringify(echoPayload('PLACEHOLDER'));
    const [before, after] = text.split('PLACEHOLDER');
    await expectHandled(
      Buffer.concat([
        Buffer.from(before),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from(after),
      ]),
    );
  });

  afterAll(async () => {
    try {
      // Nothing polluted, and the process is still serving.
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await request(service.baseUrl).get('/health').expect(200);
    } finally {
      await service.close();
    }
  });
});
