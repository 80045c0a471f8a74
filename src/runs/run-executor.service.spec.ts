import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import type { MessageEvent } from '@nestjs/common';
import pino from 'pino';
import { SecretMasker } from '../common/redaction/secret-masker.js';
import { limitsConfig } from '../config/limits.config.js';
import { runControlConfig } from '../config/run-control.config.js';
import type { WorkflowEvent } from '../common/run-events/run-event.types.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { MemoryRunStore } from '../run-control/memory-run.store.js';
import type { WorkflowOutcome, WorkflowRunContext } from '../workflows/workflow.types.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { RunExecutor } from './run-executor.service.js';
import { WorkflowRun } from './workflow-run.js';

/** The defaults, with small bounds this spec reaches. */
const LIMITS = { ...limitsConfig(), maxConcurrentRuns: 4, runTimeoutMs: 60_000 };
const CONTROL = { ...runControlConfig(), logMaxBytes: 64 * 1024, redisUrl: undefined };

type Body = (context: WorkflowRunContext) => AsyncGenerator<WorkflowEvent, WorkflowOutcome>;

/** A run of a workflow whose events `body` yields, with the executor's real collaborators. */
function runOf(body: Body, limits = LIMITS) {
  const metrics = new RunMetrics();
  const executor = new RunExecutor(
    limits,
    CONTROL,
    new ActiveRunsRegistry(limits),
    new SecretMasker(),
    new MemoryRunStore(CONTROL),
    metrics,
    // Runs of this spec have no webhook: nothing is ever delivered.
    {} as WebhookDispatcher,
  );
  const logger = pino({ level: 'silent' });
  const run = new WorkflowRun({
    runId: 'run-1',
    traceId: 'trace-1',
    payload: { runtime_config: {}, input: { messages: [] } } as unknown as RunWorkflowDto,
    workflow: { id: 'test', description: 'test', workflow: { check: () => undefined, run: body } },
    toolset: { tools: [], close: () => Promise.resolve() },
    logger,
    trace: logger,
    secrets: { credentials: ['sk-secret-value'], content: [] },
    createChatModel: () => {
      throw new Error('no model in this spec');
    },
    maxParallelTools: 1,
    parentTrace: ROOT_CONTEXT,
    spendApprovals: () => Promise.resolve(),
    captureContent: false,
    approval: {
      decisions: new Map(),
      request: () => {
        throw new Error('no approvals in this spec');
      },
    },
  });
  return executor.start(run);
}

async function bodiesOf(reader: AsyncIterable<MessageEvent>): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  for await (const frame of reader) bodies.push(JSON.parse(frame.data as string));
  return bodies;
}

describe('RunExecutor', () => {
  it('frames the events with seq 1..n and ends with one done carrying the finish reason', async () => {
    const bodies = await bodiesOf(
      runOf(async function* () {
        yield { type: 'message_chunk', content: 'Hello' };
        yield { type: 'message_chunk', content: ' world' };
        return { finishReason: 'stop' };
      }),
    );
    expect(bodies.map((body) => [body.seq, body.type])).toEqual([
      [1, 'message_chunk'],
      [2, 'message_chunk'],
      [3, 'done'],
    ]);
    expect(bodies[2]).toMatchObject({
      finish_reason: 'stop',
      run_id: 'run-1',
      trace_id: 'trace-1',
    });
  });

  it('a workflow that throws: open tool calls closed, internal_error with a fixed message, done error', async () => {
    const bodies = await bodiesOf(
      runOf(async function* () {
        yield {
          type: 'tool_start',
          tool_call_id: 'c1',
          tool_name: 'weather',
          tool_type: 'NATIVE',
          arguments: {},
        };
        throw new Error('sk-secret-value leaked in a message');
      }),
    );
    expect(bodies.map((body) => body.type)).toEqual(['tool_start', 'tool_result', 'error', 'done']);
    expect(bodies[1]).toMatchObject({ tool_call_id: 'c1', status: 'error' });
    expect(bodies[2]).toMatchObject({ code: 'internal_error', retryable: false });
    expect(JSON.stringify(bodies)).not.toContain('sk-secret-value');
    expect(bodies[3]).toMatchObject({ finish_reason: 'error' });
  });

  it('a run past RUN_LOG_MAX_BYTES ends with run_log_full, even if its workflow never stops', async () => {
    const bodies = await bodiesOf(
      runOf(async function* () {
        for (;;) yield { type: 'message_chunk', content: 'x'.repeat(1000) };
      }),
    );
    expect(bodies.at(-2)).toMatchObject({ type: 'error', code: 'run_log_full', retryable: false });
    expect(bodies.at(-1)).toMatchObject({ type: 'done', finish_reason: 'error' });
    expect(bodies.length).toBeLessThan(80);
  });

  it('a run past RUN_TIMEOUT_SECONDS ends with run_timeout and done timeout', async () => {
    const bodies = await bodiesOf(
      runOf(
        async function* (context) {
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
          yield { type: 'message_chunk', content: 'too late' };
          return { finishReason: 'stop' };
        },
        { ...LIMITS, runTimeoutMs: 50 },
      ),
    );
    expect(bodies.map((body) => body.type)).toEqual(['error', 'done']);
    expect(bodies[0]).toMatchObject({ code: 'run_timeout' });
    expect(bodies[1]).toMatchObject({ finish_reason: 'timeout' });
  });
});
