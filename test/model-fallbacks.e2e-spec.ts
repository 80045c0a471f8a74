import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { sampleValue, scrapeMetrics } from './support/prometheus.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

const doneOf = (stream: ReceivedStream) => stream.events.at(-1)?.data as Record<string, any>;
const kinds = (stream: ReceivedStream) => stream.events.map((event) => event.event);

/** A test model failing every request with HTTP 503 (Retry-After 0: its retries are quick). */
const UNAVAILABLE = 'status?code=503&retry_after=0';
const FALLBACK = 'text?text=From+the+fallback+model.';

describe('model fallbacks (issue 17, item 4)', () => {
  let harness: AgentHarness;

  // One retry per model, so a failing model is asked twice before the next one is.
  beforeAll(async () => (harness = await startAgentHarness({ env: { MODEL_MAX_RETRIES: '1' } })));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const run = (primary: string, fallbacks: string[], apiKeys: string[] = []) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: primary,
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.fallback_models = fallbacks.map((model_name, index) => ({
      model_name,
      base_url: harness.model.baseUrl,
      ...(apiKeys[index] && { api_key: apiKeys[index] }),
    }));
    return postRun(harness.runUrl, body);
  };
  const modelsAsked = () => harness.model.requests.map((request) => request.body.model as string);

  it('answers with the next model when the primary fails before its first token', async () => {
    const before = await scrapeMetrics(harness.service.baseUrl);
    const stream = await run(UNAVAILABLE, [FALLBACK], ['sk-fallback-key-0123456789']);
    expectWellFormedStream(stream);
    expect(kinds(stream)).not.toContain('error');
    expect(answerText(stream)).toBe('From the fallback model.');
    expect(modelsAsked()).toEqual([UNAVAILABLE, UNAVAILABLE, FALLBACK]);
    expect(harness.model.requests[2].headers.authorization).toBe(
      'Bearer sk-fallback-key-0123456789',
    );
    expect(doneOf(stream)).toMatchObject({
      finish_reason: 'stop',
      model: FALLBACK,
      models_tried: [{ model: UNAVAILABLE, code: 'upstream_unavailable' }],
    });
    const after = await scrapeMetrics(harness.service.baseUrl);
    const fallbacks = (scrape: typeof before) =>
      sampleValue(scrape, 'ep_model_fallbacks_total', { code: 'upstream_unavailable' });
    expect(fallbacks(after) - fallbacks(before)).toBe(1);
  });

  it('falls back on context_length_exceeded, through the list in order', async () => {
    const stream = await run('context', [UNAVAILABLE, FALLBACK]);
    expectWellFormedStream(stream);
    expect(modelsAsked()).toEqual(['context', UNAVAILABLE, UNAVAILABLE, FALLBACK]);
    expect(doneOf(stream)).toMatchObject({
      model: FALLBACK,
      models_tried: [
        { model: 'context', code: 'context_length_exceeded' },
        { model: UNAVAILABLE, code: 'upstream_unavailable' },
      ],
    });
  });

  it('never falls back once a token reached the client', async () => {
    // `drop` streams half of its 6 chunks, then destroys the socket.
    const stream = await run('drop?text=one+two+three+four+five+six&chunks=6', [FALLBACK]);
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('one two three');
    expect(modelsAsked()).toEqual(['drop?text=one+two+three+four+five+six&chunks=6']);
    const error = stream.events.find((event) => event.event === 'error')?.data;
    expect(error).toMatchObject({ code: 'upstream_bad_response' });
    expect(doneOf(stream)).toMatchObject({ finish_reason: 'error' });
    expect(doneOf(stream)).not.toHaveProperty('model');
  });

  it('does not fall back on a failure another model would share (bad credentials)', async () => {
    const stream = await run('status?code=401', [FALLBACK]);
    expectWellFormedStream(stream);
    expect(modelsAsked()).toEqual(['status?code=401']);
    expect(stream.events.find((event) => event.event === 'error')?.data.code).toBe(
      'upstream_auth_failed',
    );
  });

  it('ends with the last failure when every model failed', async () => {
    const stream = await run(UNAVAILABLE, ['context']);
    expectWellFormedStream(stream);
    expect(stream.events.find((event) => event.event === 'error')?.data.code).toBe(
      'context_length_exceeded',
    );
    expect(doneOf(stream).models_tried).toEqual([
      { model: UNAVAILABLE, code: 'upstream_unavailable' },
      { model: 'context', code: 'context_length_exceeded' },
    ]);
  });

  it('checks each fallback model like the model, naming its place', async () => {
    const body = examplePayload({ modelBaseUrl: harness.model.baseUrl, modelName: 'text' });
    body.runtime_config.fallback_models = [
      { model_name: 'text', base_url: 'ftp://nowhere' },
      {
        model_name: 'text',
        base_url: harness.model.baseUrl,
        extra_headers: { k: '{{vault.nope}}' },
      },
    ];
    const stream = await postRun(harness.runUrl, body);
    expect(stream.status).toBe(400);
    const paths = (stream.json as { error: { details: { path: string }[] } }).error.details.map(
      (detail) => detail.path,
    );
    expect(paths).toEqual(['runtime_config.fallback_models[0].base_url']);
    body.runtime_config.fallback_models.shift();
    const second = await postRun(harness.runUrl, body);
    expect(second.status).toBe(400);
    expect(JSON.stringify(second.json)).toContain(
      'runtime_config.fallback_models[0].extra_headers.k',
    );
    expect(harness.model.requests).toHaveLength(0);
  });
});
