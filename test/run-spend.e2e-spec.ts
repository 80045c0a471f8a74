import { SPEND_CONTROLLED_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';
import { examplePayload } from './support/agent-payloads.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { sampleValue, scrapeMetrics } from './support/prometheus.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const doneOf = (stream: ReceivedStream) => stream.events.at(-1)?.data as Record<string, any>;
const errorOf = (stream: ReceivedStream) =>
  stream.events.find((event) => event.event === 'error')?.data as Record<string, any>;
const count = (stream: ReceivedStream, type: string) =>
  stream.events.filter((event) => event.event === type).length;

// Prices in the shape of OpenAI's pricing page (per 1M tokens: input, cached input, output).
const PRICE = { input_per_million: 2.5, cached_input_per_million: 1.25, output_per_million: 10 };
/** A long, paced answer: a run stopped midway is stopped with most of it unsent. */
const SLOW = 'text?tokens=400&delay_ms=5';

describe("a run's spend: usage, cost and budgets (issue 17, items 5 and 6)", () => {
  let harness: AgentHarness;

  // No retries: a scripted failure reaches the fallback at once.
  beforeAll(async () => (harness = await startAgentHarness({ env: { MODEL_MAX_RETRIES: '0' } })));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const payload = (modelName: string, runtime: Record<string, unknown> = {}) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
    Object.assign(body.runtime_config, runtime);
    return body;
  };
  const run = (modelName: string, runtime?: Record<string, unknown>) =>
    postRun(harness.runUrl, payload(modelName, runtime));
  const refusalPaths = async (modelName: string, runtime: Record<string, unknown>) => {
    const stream = await run(modelName, runtime);
    expect(stream.status).toBe(400);
    return (stream.json as { error: { details: { path: string }[] } }).error.details.map(
      (detail) => detail.path,
    );
  };

  it("runs Swagger's spend-controlled example: a JSON answer, priced, within its budget", async () => {
    const body = structuredClone(SPEND_CONTROLLED_EXAMPLE_PAYLOAD) as Record<string, any>;
    const {
      model,
      fallback_models: [fallback],
      pricing,
    } = body.runtime_config;
    const answer = '{"city": "Paris", "celsius": 21}';
    // The primary is out of context; the fallback asks for the weather, then answers.
    const primary = 'context';
    const backup = `tool?text=${encodeURIComponent(answer)}`;
    pricing[primary] = pricing[model.model_name];
    pricing[backup] = pricing[fallback.model_name];
    Object.assign(model, { model_name: primary, base_url: harness.model.baseUrl });
    Object.assign(fallback, { model_name: backup, base_url: harness.model.baseUrl });
    body.runtime_config.tools[0].execution_config.url = `${harness.plugin.origin}/v1/query`;
    const stream = await postRun(harness.runUrl, body);
    expectWellFormedStream(stream);
    const done = stream.events.at(-1)?.data as Record<string, any>;
    expect(done).toMatchObject({
      finish_reason: 'stop',
      output: JSON.parse(answer),
      model: backup,
      models_tried: [{ model: primary, code: 'context_length_exceeded' }],
      cost: { currency: 'USD' },
    });
    expect(done.cost.total).toBeGreaterThan(0);
    expect(done.cost.total).toBeLessThan(body.runtime_config.budget.max_cost);
  });

  describe('cost', () => {
    it("prices every token of done.usage at the model's prices", async () => {
      const model = 'tool?text=Sunny.&cached_tokens=8';
      const stream = await run(model, { pricing: { [model]: { ...PRICE, currency: 'USD' } } });
      expectWellFormedStream(stream);
      const { usage, cost } = doneOf(stream);
      const cached = usage.prompt_tokens_details.cached_tokens;
      expect(cached).toBe(16);
      const expected = {
        input: ((usage.prompt_tokens - cached) * 2.5) / 1e6,
        cached_input: (cached * 1.25) / 1e6,
        output: (usage.completion_tokens * 10) / 1e6,
      };
      const total = expected.input + expected.cached_input + expected.output;
      expect(cost.currency).toBe('USD');
      expect(cost.total).toBeCloseTo(total, 12);
      expect(cost.by_model[model].total).toBeCloseTo(total, 12);
      expect(cost.by_model[model].input).toBeCloseTo(expected.input, 12);
      expect(cost.by_model[model].cached_input).toBeCloseTo(expected.cached_input, 12);
      expect(cost.by_model[model].output).toBeCloseTo(expected.output, 12);
    });

    it('reports usage and cost by model when two models answered', async () => {
      // The primary fails its first request only: the fallback asks for the tool, the
      // primary answers after it.
      const primary = 'status?code=503&times=1';
      const fallback = 'tool?text=Sunny.';
      const stream = await run(primary, {
        fallback_models: [{ model_name: fallback, base_url: harness.model.baseUrl }],
        pricing: {
          [primary]: { ...PRICE, currency: 'EUR' },
          [fallback]: { input_per_million: 1, output_per_million: 1, currency: 'EUR' },
        },
      });
      expectWellFormedStream(stream);
      const { usage, cost, model } = doneOf(stream);
      expect(model).toBe(primary);
      expect(Object.keys(usage.by_model).sort()).toEqual([primary, fallback].sort());
      expect(usage.by_model[primary].total_tokens + usage.by_model[fallback].total_tokens).toBe(
        usage.total_tokens,
      );
      expect(cost.by_model[primary].total + cost.by_model[fallback].total).toBeCloseTo(
        cost.total,
        12,
      );
      expect(cost.currency).toBe('EUR');
    });

    it('counts tokens and cost by workflow in Prometheus', async () => {
      const labels = { workflow: 'agent_chat', currency: 'USD' };
      const before = await scrapeMetrics(harness.service.baseUrl);
      const stream = await run('text', { pricing: { text: { ...PRICE, currency: 'USD' } } });
      const { usage, cost } = doneOf(stream);
      const after = await scrapeMetrics(harness.service.baseUrl);
      const delta = (name: string, wanted: Record<string, string>) =>
        sampleValue(after, name, wanted) - sampleValue(before, name, wanted);
      expect(delta('ep_run_cost_total', labels)).toBeCloseTo(cost.total, 12);
      expect(delta('ep_tokens_total', { workflow: 'agent_chat', kind: 'prompt' })).toBe(
        usage.prompt_tokens,
      );
      expect(delta('ep_tokens_total', { workflow: 'agent_chat', kind: 'completion' })).toBe(
        usage.completion_tokens,
      );
    });

    it('refuses more fallback models or priced models than their bounds', async () => {
      const model = { model_name: 'text', base_url: harness.model.baseUrl };
      expect(
        await refusalPaths('text', { fallback_models: Array.from({ length: 5 }, () => model) }),
      ).toEqual(['runtime_config.fallback_models']);
      const pricing = Object.fromEntries(
        Array.from({ length: 65 }, (_, index) => [`m${index}`, { ...PRICE, currency: 'USD' }]),
      );
      expect(await refusalPaths('text', { pricing })).toEqual(['runtime_config.pricing']);
    });

    it('refuses prices that miss a model of the run, or mix currencies', async () => {
      const fallback = { model_name: 'other', base_url: harness.model.baseUrl };
      expect(
        await refusalPaths('text', {
          fallback_models: [fallback],
          pricing: { text: { ...PRICE, currency: 'USD' } },
        }),
      ).toEqual(['runtime_config.fallback_models[0].model_name']);
      expect(
        await refusalPaths('text', {
          fallback_models: [fallback],
          pricing: { text: { ...PRICE, currency: 'USD' }, other: { ...PRICE, currency: 'EUR' } },
        }),
      ).toEqual(['runtime_config.pricing']);
      expect(
        await refusalPaths('text', { pricing: { text: { ...PRICE, currency: 'dollars' } } }),
      ).toEqual(['runtime_config.pricing.text.currency']);
      expect(await refusalPaths('text', { budget: { max_cost: 1 } })).toEqual([
        'runtime_config.budget.max_cost',
      ]);
    });
  });

  describe('the usage of a run stopped midway', () => {
    it('estimates what a cancelled run streamed, marked estimated', async () => {
      let cancelled: Promise<Response> | undefined;
      const stream = await postRun(harness.runUrl, payload(SLOW), {
        onEvent: (event) => {
          if (cancelled || event.event !== 'message_chunk') return;
          cancelled = fetch(`${harness.service.baseUrl}/v1/runs/${event.data.run_id}/cancel`, {
            method: 'POST',
          });
        },
      });
      await cancelled;
      expectWellFormedStream(stream);
      const { finish_reason: finishReason, usage } = doneOf(stream);
      expect(finishReason).toBe('cancelled');
      expect(usage.estimated).toBe(true);
      expect(usage.prompt_tokens).toBeGreaterThan(0);
      expect(usage.completion_tokens).toBeGreaterThan(0);
      expect(usage.completion_tokens).toBeLessThan(400);
    });

    it('estimates a stream cut by the provider, and prices the estimate', async () => {
      const model = 'drop?tokens=40';
      const stream = await run(model, { pricing: { [model]: { ...PRICE, currency: 'USD' } } });
      expectWellFormedStream(stream);
      expect(errorOf(stream).code).toBe('upstream_bad_response');
      const { usage, cost } = doneOf(stream);
      expect(usage).toMatchObject({ estimated: true });
      expect(usage.completion_tokens).toBeGreaterThan(0);
      expect(cost.total).toBeGreaterThan(0);
    });

    it("keeps the provider's usage of a call that ended, estimating only the open one", async () => {
      // The first call (a tool call) reports its usage; the run times out in the second.
      const stream = await run('tool?tokens=300&delay_ms=10', {
        budget: { max_duration_ms: 600 },
      });
      expectWellFormedStream(stream);
      const first = harness.model.requests[0].usage;
      const { usage, finish_reason: finishReason } = doneOf(stream);
      expect(finishReason).toBe('budget_exceeded');
      expect(usage.estimated).toBe(true);
      expect(usage.prompt_tokens).toBeGreaterThan(first?.prompt_tokens ?? 0);
    });
  });

  describe('budgets', () => {
    it('stops before a model call past max_model_calls', async () => {
      const stream = await run('tool?text=Sunny.', { budget: { max_model_calls: 1 } });
      expectWellFormedStream(stream);
      expect(count(stream, 'tool_result')).toBe(1);
      expect(harness.model.requests).toHaveLength(1);
      expect(errorOf(stream)).toMatchObject({
        code: 'budget_exceeded',
        message: 'The run reached its budget: max_model_calls = 1',
        retryable: false,
      });
      expect(doneOf(stream).finish_reason).toBe('budget_exceeded');
    });

    it('stops before a tool call past max_tool_calls, sibling calls included', async () => {
      const calls = [
        { name: 'weather', args: { city: 'Paris' } },
        { name: 'weather', args: { city: 'Lyon' } },
      ];
      const stream = await run(toolCallsScenario(calls), { budget: { max_tool_calls: 1 } });
      expectWellFormedStream(stream);
      expect(count(stream, 'tool_start')).toBe(1);
      expect(harness.plugin.requests).toHaveLength(1);
      expect(errorOf(stream).message).toBe('The run reached its budget: max_tool_calls = 1');
      expect(doneOf(stream).finish_reason).toBe('budget_exceeded');
    });

    it('stops mid-answer once the tokens pass max_total_tokens, and the model hears it', async () => {
      const closed = new Promise((resolve) => harness.model.once('client-closed', resolve));
      const stream = await run(SLOW, { budget: { max_total_tokens: 600 } });
      expectWellFormedStream(stream);
      await closed;
      expect(errorOf(stream).message).toBe('The run reached its budget: max_total_tokens = 600');
      const { usage, finish_reason: finishReason } = doneOf(stream);
      expect(finishReason).toBe('budget_exceeded');
      expect(usage.total_tokens).toBeGreaterThan(600);
      expect(count(stream, 'message_chunk')).toBeLessThan(400);
    });

    it('stops once the cost passes max_cost', async () => {
      const stream = await run(SLOW, {
        pricing: { [SLOW]: { input_per_million: 0, output_per_million: 100_000, currency: 'USD' } },
        budget: { max_cost: 1 },
      });
      expectWellFormedStream(stream);
      expect(errorOf(stream).message).toBe('The run reached its budget: max_cost = 1');
      expect(doneOf(stream).cost.total).toBeGreaterThan(1);
      expect(count(stream, 'message_chunk')).toBeLessThan(400);
    });

    it('stops at max_duration_ms', async () => {
      const started = Date.now();
      const stream = await run(SLOW, { budget: { max_duration_ms: 200 } });
      expectWellFormedStream(stream);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(errorOf(stream).message).toBe('The run reached its budget: max_duration_ms = 200');
      expect(doneOf(stream).finish_reason).toBe('budget_exceeded');
    });

    it('refuses limits that are not positive whole numbers', async () => {
      expect(
        await refusalPaths('text', { budget: { max_model_calls: 0, max_duration_ms: 1.5 } }),
      ).toEqual(['runtime_config.budget.max_model_calls', 'runtime_config.budget.max_duration_ms']);
    });
  });
});
