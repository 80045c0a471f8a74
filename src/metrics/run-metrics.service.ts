import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunEventBody } from '../common/run-events/run-event.types.js';

/** Latency buckets in seconds: from a fast tool call to a long agent run. */
const LATENCY_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
];

/** What a model call ended with: `ok` or the protocol's error code. */
export type ModelCallOutcome = string;

/**
 * The service's Prometheus metrics (GET /metrics), in a registry of its own so two apps in one
 * process (tests) never share counters. Names and labels: docs/run-control.md#metrics.
 */
@Injectable()
export class RunMetrics {
  readonly registry = new Registry();
  private readonly runsStarted = this.counter('ep_runs_started_total', 'Runs started', [
    'workflow',
  ]);
  private readonly runsFinished = this.counter('ep_runs_finished_total', 'Runs finished', [
    'workflow',
    'finish_reason',
  ]);
  private readonly activeRuns = new Gauge({
    name: 'ep_active_runs',
    help: 'Runs in progress in this process',
    registers: [this.registry],
  });
  private readonly timeToFirstToken = this.histogram(
    'ep_time_to_first_token_seconds',
    'Run start to its first message_chunk',
    ['workflow'],
  );
  private readonly runDuration = this.histogram('ep_run_duration_seconds', 'Run start to done', [
    'workflow',
    'finish_reason',
  ]);
  private readonly modelCalls = this.histogram(
    'ep_model_call_duration_seconds',
    'Model calls, request to last chunk, by outcome (ok or error code)',
    ['outcome'],
  );
  private readonly toolCalls = this.histogram(
    'ep_tool_call_duration_seconds',
    'Tool calls by tool type and status',
    ['tool_type', 'status'],
  );
  private readonly tokens = this.counter(
    'ep_tokens_total',
    'Model tokens of finished runs by workflow and kind (prompt, completion; cached and reasoning are part of those)',
    ['workflow', 'kind'],
  );
  private readonly cost = this.counter(
    'ep_run_cost_total',
    'Cost of finished runs with runtime_config.pricing, by workflow and currency',
    ['workflow', 'currency'],
  );
  private readonly fallbacks = this.counter(
    'ep_model_fallbacks_total',
    'Model calls that failed before answering and went on to the next model, by error code',
    ['code'],
  );
  private readonly webhookAttempts = this.counter(
    'ep_webhook_attempts_total',
    'Webhook delivery attempts by outcome (delivered, failed, gave_up, refused by the network policy)',
    ['outcome'],
  );
  private readonly sseClients = new Gauge({
    name: 'ep_sse_clients',
    help: 'SSE clients connected (run streams and resumes)',
    registers: [this.registry],
  });
  private readonly resumes = this.counter(
    'ep_run_resumes_total',
    'Readers attached through GET /v1/runs/{id}/events',
    [],
  );
  private readonly cancels = this.counter(
    'ep_run_cancels_total',
    'Cancel requests through POST /v1/runs/{id}/cancel',
    [],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  runStarted(workflow: string): void {
    this.runsStarted.inc({ workflow });
    this.activeRuns.inc();
  }

  runFinished(workflow: string, done: RunEventBody<'done'>): void {
    const { finish_reason: finishReason, duration_ms: durationMs, usage, cost } = done;
    this.runsFinished.inc({ workflow, finish_reason: finishReason });
    this.activeRuns.dec();
    this.runDuration.observe({ workflow, finish_reason: finishReason }, durationMs / 1000);
    const kinds = {
      prompt: usage.prompt_tokens,
      completion: usage.completion_tokens,
      cached: usage.prompt_tokens_details?.cached_tokens ?? 0,
      reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    };
    for (const [kind, count] of Object.entries(kinds)) this.tokens.inc({ workflow, kind }, count);
    if (cost) this.cost.inc({ workflow, currency: cost.currency }, cost.total);
  }

  firstToken(workflow: string, sinceStartMs: number): void {
    this.timeToFirstToken.observe({ workflow }, sinceStartMs / 1000);
  }

  modelCall(durationMs: number, outcome: ModelCallOutcome): void {
    this.modelCalls.observe({ outcome }, durationMs / 1000);
  }

  modelFallback(code: string): void {
    this.fallbacks.inc({ code });
  }

  webhookAttempt(outcome: string): void {
    this.webhookAttempts.inc({ outcome });
  }

  toolCall(toolType: string, status: string, durationMs: number): void {
    this.toolCalls.observe({ tool_type: toolType, status }, durationMs / 1000);
  }

  /** Counts an SSE client in; the returned function counts it out. */
  sseClientConnected(): () => void {
    this.sseClients.inc();
    let connected = true;
    return () => {
      if (connected) this.sseClients.dec();
      connected = false;
    };
  }

  resumed(): void {
    this.resumes.inc();
  }

  cancelRequested(): void {
    this.cancels.inc();
  }

  private counter(name: string, help: string, labelNames: string[]) {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram(name: string, help: string, labelNames: string[]) {
    return new Histogram({
      name,
      help,
      labelNames,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [this.registry],
    });
  }
}
