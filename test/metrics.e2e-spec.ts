import request from 'supertest';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { type Scrape, sampleValue, scrapeMetrics } from './support/prometheus.js';
import { readRawStream } from './support/raw-sse.js';

describe('GET /metrics', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());

  /** How much each named sample moved between two scrapes. */
  const moved =
    (before: Scrape, after: Scrape) => (name: string, labels?: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);

  it('parses as Prometheus text and its counters move as runs happen', async () => {
    const before = await scrapeMetrics(harness.service.baseUrl);
    const toolRun = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      pluginOrigin: harness.plugin.origin,
    });
    const live = await readRawStream(harness.runUrl, { method: 'POST', body: toolRun });
    const failing = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'status?code=401',
      tools: [],
    });
    await readRawStream(harness.runUrl, { method: 'POST', body: failing });
    const runId = live.headers.get('x-run-id') as string;
    await readRawStream(`${harness.service.baseUrl}/v1/runs/${runId}/events`);
    await request(harness.service.baseUrl).post(`/v1/runs/${runId}/cancel`).expect(200);

    const delta = moved(before, await scrapeMetrics(harness.service.baseUrl));
    const workflow = { workflow: 'agent_chat' };
    expect(delta('ep_runs_started_total', workflow)).toBe(2);
    expect(delta('ep_runs_finished_total', { ...workflow, finish_reason: 'stop' })).toBe(1);
    expect(delta('ep_runs_finished_total', { ...workflow, finish_reason: 'error' })).toBe(1);
    expect(delta('ep_run_duration_seconds', workflow)).toBe(2);
    expect(delta('ep_time_to_first_token_seconds', workflow)).toBe(1);
    expect(delta('ep_model_call_duration_seconds', { outcome: 'ok' })).toBe(2);
    expect(delta('ep_model_call_duration_seconds', { outcome: 'upstream_auth_failed' })).toBe(1);
    expect(delta('ep_tool_call_duration_seconds', { tool_type: 'HTTP', status: 'success' })).toBe(
      1,
    );
    expect(delta('ep_tokens_total', { kind: 'prompt' })).toBeGreaterThan(0);
    expect(delta('ep_tokens_total', { kind: 'completion' })).toBeGreaterThan(0);
    expect(delta('ep_run_resumes_total')).toBe(1);
    expect(delta('ep_run_cancels_total')).toBe(1);
    const after = await scrapeMetrics(harness.service.baseUrl);
    expect(sampleValue(after, 'ep_active_runs')).toBe(0);
    expect(sampleValue(after, 'ep_sse_clients')).toBe(0);
    expect(after.families.get('process_resident_memory_bytes')?.type).toBe('GAUGE');
  });
});
