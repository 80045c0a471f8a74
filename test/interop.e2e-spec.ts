import { HttpAgent, runHttpRequest, transformHttpEventStream, verifyEvents } from '@ag-ui/client';
import type { BaseEvent, Message, RunAgentInput } from '@ag-ui/core';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import request from 'supertest';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { graphExampleDefinition } from '../src/workflows/graph/graph-examples.js';
import { examplePayload } from './support/agent-payloads.js';
import { graphPayload, structuredScenario } from './support/graph-payloads.js';
import { eventFramesOf, readRawStream, seqOf } from './support/raw-sse.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { answerText } from './support/stream-assertions.js';

/** An AG-UI HttpAgent that posts our execution payload instead of a RunAgentInput. */
class ExecutionPlaneAgent extends HttpAgent {
  constructor(
    url: string,
    private readonly payload: unknown,
  ) {
    super({ url });
  }

  protected override requestInit(_input: RunAgentInput): RequestInit {
    return {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(this.payload),
      signal: this.abortController.signal,
    };
  }
}

/** AG-UI events of a stream, parsed and checked by the official client's SSE reader and verifier. */
function verifiedAgUiEvents(url: string, payload: unknown): Promise<BaseEvent[]> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  };
  const events = verifyEvents()(transformHttpEventStream(runHttpRequest(() => fetch(url, init))));
  // Collected by hand: the client's rxjs is its own copy, whose operators ours cannot lift.
  return new Promise((resolve, reject) => {
    const received: BaseEvent[] = [];
    events.subscribe({
      next: (event) => received.push(event),
      error: reject,
      complete: () => resolve(received),
    });
  });
}

/** The assistant's UI message as `useChat` would build it from the AI SDK stream. */
async function aiSdkMessage(url: string, payload: unknown): Promise<UIMessage> {
  const transport = new DefaultChatTransport({
    api: url,
    prepareSendMessagesRequest: () => ({ body: payload as Record<string, unknown> }),
  });
  const stream = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'chat-1',
    messageId: undefined,
    messages: [],
    abortSignal: undefined,
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream })) last = message;
  if (!last) throw new Error('no UI message');
  return last;
}

const toolResultsOf = (stream: ReceivedStream) =>
  stream.events.filter((event) => event.event === 'tool_result').map((event) => event.data);

describe('one run, three wire protocols', () => {
  let harness: AgentHarness;
  beforeAll(
    async () =>
      (harness = await startAgentHarness({
        env: { APPROVAL_SIGNING_KEYS: 'interop-approval-key-0123456789abcdef' },
      })),
  );
  afterAll(() => harness.close());

  const toolRun = (modelName = 'tool') =>
    examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      pluginOrigin: harness.plugin.origin,
      modelName,
    });
  const url = (protocol: string) => `${harness.runUrl}?protocol=${protocol}`;

  it('AG-UI: the official client rebuilds the answer, the tool call and its result', async () => {
    const native = await postRun(harness.runUrl, toolRun());
    const agent = new ExecutionPlaneAgent(url('ag-ui'), toolRun());
    const { newMessages } = await agent.runAgent();
    const [callMessage, toolMessage, answer] = newMessages as (Message & Record<string, any>)[];
    expect(callMessage.role).toBe('assistant');
    expect(callMessage.toolCalls).toHaveLength(1);
    expect(callMessage.toolCalls[0].function.name).toBe('weather');
    expect(JSON.parse(callMessage.toolCalls[0].function.arguments)).toEqual({ city: 'Paris' });
    expect(toolMessage.role).toBe('tool');
    expect(JSON.parse(toolMessage.content as string)).toEqual(toolResultsOf(native)[0].result);
    expect(answer).toMatchObject({ role: 'assistant', content: answerText(native) });
  });

  it('AG-UI: events pass the verifier, with usage in RUN_FINISHED and argument deltas', async () => {
    const payload = toolRun('tool?args=cumulative');
    payload.runtime_config.stream_tool_arguments = true;
    const events = await verifiedAgUiEvents(url('ag-ui'), payload);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('RUN_STARTED');
    expect(types.at(-1)).toBe('RUN_FINISHED');
    const args = events.filter((event) => event.type === 'TOOL_CALL_ARGS') as any[];
    expect(args.length).toBeGreaterThan(1);
    expect(JSON.parse(args.map((event) => event.delta).join(''))).toEqual({ city: 'Paris' });
    const finished = events.at(-1) as any;
    expect(finished.result.usage.total_tokens).toBeGreaterThan(0);
    expect(finished.usage[0].totalTokens).toBe(finished.result.usage.total_tokens);
  });

  it('carries cached and reasoning tokens in RUN_FINISHED and the AI SDK finish metadata', async () => {
    const modelName = 'tool?cached_tokens=6&reasoning_tokens=2';
    const events = await verifiedAgUiEvents(url('ag-ui'), toolRun(modelName));
    const finished = events.at(-1) as any;
    expect(finished.result.usage).toMatchObject({
      prompt_tokens_details: { cached_tokens: 12 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
    expect(finished.usage[0]).toMatchObject({ cachedInputTokens: 12, reasoningTokens: 4 });
    const message = await aiSdkMessage(url('ai-sdk'), toolRun(modelName));
    expect(message.metadata).toMatchObject({
      usage: {
        prompt_tokens_details: { cached_tokens: 12 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    });
  });

  it('carries output, cost and the models of a fallback run in both finishes', async () => {
    // The primary's context is too small for every call: the fallback makes both.
    const answer = '{"city": "Paris", "sky": "sunny"}';
    const fallback = `tool?text=${encodeURIComponent(answer)}`;
    const payload = () => {
      const body = toolRun('context');
      body.runtime_config.model.response_format = { type: 'json_object' };
      body.runtime_config.fallback_models = [
        { model_name: fallback, base_url: harness.model.baseUrl },
      ];
      const price = { input_per_million: 1, output_per_million: 2, currency: 'USD' };
      body.runtime_config.pricing = { context: price, [fallback]: price };
      return body;
    };
    const events = await verifiedAgUiEvents(url('ag-ui'), payload());
    const finished = events.at(-1) as any;
    expect(finished.type).toBe('RUN_FINISHED');
    expect(finished.result).toMatchObject({
      output: JSON.parse(answer),
      model: fallback,
      models_tried: [{ model: 'context', code: 'context_length_exceeded' }],
      cost: { currency: 'USD' },
    });
    expect(finished.result.cost.total).toBeGreaterThan(0);
    expect(finished.usage).toEqual([
      expect.objectContaining({ model: fallback, totalTokens: finished.result.usage.total_tokens }),
    ]);
    const message = await aiSdkMessage(url('ai-sdk'), payload());
    expect(message.metadata).toMatchObject({
      output: JSON.parse(answer),
      model: fallback,
      cost: { currency: 'USD', total: finished.result.cost.total },
    });
  });

  it('AG-UI: reasoning arrives as REASONING events; a failed run ends with RUN_ERROR', async () => {
    const reasoning = await verifiedAgUiEvents(
      url('ag-ui'),
      examplePayload({ modelBaseUrl: harness.model.baseUrl, modelName: 'reasoning', tools: [] }),
    );
    const content = reasoning.filter((event) => event.type === 'REASONING_MESSAGE_CONTENT');
    expect(content.map((event: any) => event.delta).join('')).toBe('Let me think about this.');
    const failed = await verifiedAgUiEvents(
      url('ag-ui'),
      examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: 'status?code=401',
        tools: [],
      }),
    );
    expect(failed.at(-1)).toMatchObject({ type: 'RUN_ERROR', code: 'upstream_auth_failed' });
  });

  it("AI SDK: useChat's transport rebuilds the text, the tool part and the finish", async () => {
    const native = await postRun(harness.runUrl, toolRun());
    const response = await fetch(url('ai-sdk'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toolRun()),
    });
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect((await response.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);

    const message = await aiSdkMessage(url('ai-sdk'), toolRun());
    const parts = message.parts as any[];
    const tool = parts.find((part) => part.type === 'tool-weather');
    expect(tool).toMatchObject({ state: 'output-available', input: { city: 'Paris' } });
    expect(tool.output).toEqual(toolResultsOf(native)[0].result);
    const text = parts
      .filter((part) => part.type === 'text')
      .map((part) => part.text)
      .join('');
    expect(text).toBe(answerText(native));
    expect(message.metadata).toMatchObject({ finish_reason: 'stop' });
  });

  it('a call that waits for approval: an AG-UI interrupt, an AI SDK approval request', async () => {
    const approvalRun = () => {
      const body = toolRun();
      body.runtime_config.tools[0].requires_approval = true;
      return body;
    };
    const native = await postRun(harness.runUrl, approvalRun());
    const request = native.events.find((event) => event.event === 'tool_approval_required')?.data;
    expect(request).toBeDefined();

    const agent = new ExecutionPlaneAgent(url('ag-ui'), approvalRun());
    const { newMessages } = await agent.runAgent();
    const [callMessage] = newMessages as (Message & Record<string, any>)[];
    expect(callMessage.toolCalls[0].function.name).toBe('weather');
    expect(JSON.parse(callMessage.toolCalls[0].function.arguments)).toEqual({ city: 'Paris' });
    const events = await verifiedAgUiEvents(url('ag-ui'), approvalRun());
    const finished = events.at(-1) as any;
    expect(finished.outcome).toEqual({
      type: 'interrupt',
      interrupts: [
        expect.objectContaining({
          reason: 'tool_approval',
          toolCallId: (events.find((event) => event.type === 'TOOL_CALL_START') as any).toolCallId,
          id: expect.stringMatching(/^ap1\./),
          expiresAt: expect.any(String),
          metadata: { tool_name: 'weather', tool_type: 'HTTP', arguments: { city: 'Paris' } },
        }),
      ],
    });
    expect(finished.result.finish_reason).toBe('approval_required');

    const message = await aiSdkMessage(url('ai-sdk'), approvalRun());
    const tool = (message.parts as any[]).find((part) => part.type === 'tool-weather');
    expect(tool).toMatchObject({
      state: 'approval-requested',
      input: { city: 'Paris' },
      approval: { id: expect.stringMatching(/^ap1\./) },
    });
    expect(message.metadata).toMatchObject({ finish_reason: 'approval_required' });
  });

  it('a graph run that pauses hands its graph_state to both finishes, beside its messages', async () => {
    const model = structuredScenario('text?text=Sunny.', { city: 'Paris' });
    const pausingGraph = () => {
      const body = graphPayload(harness, graphExampleDefinition('extract-call-summarise'), model);
      body.runtime_config.tools[0].requires_approval = true;
      return body;
    };
    const graphState = {
      node: 'lookup',
      values: { request: { city: 'Paris' } },
      visits: { extract: 1, lookup: 1 },
      messages: 1,
    };
    const finished = (await verifiedAgUiEvents(url('ag-ui'), pausingGraph())).at(-1) as any;
    expect(finished.outcome.type).toBe('interrupt');
    expect(finished.result).toMatchObject({
      graph_state: graphState,
      messages: [expect.anything()],
    });
    const message = await aiSdkMessage(url('ai-sdk'), pausingGraph());
    expect(message.metadata).toMatchObject({
      finish_reason: 'approval_required',
      graph_state: graphState,
    });
  });

  it("resumes in every protocol: the tail after a seq equals the full replay's tail", async () => {
    const live = await readRawStream(harness.runUrl, { method: 'POST', body: toolRun() });
    const runId = live.headers.get('x-run-id') as string;
    for (const protocol of ['ag-ui', 'ai-sdk']) {
      const eventsUrl = `${harness.service.baseUrl}/v1/runs/${runId}/events?protocol=${protocol}`;
      const full = eventFramesOf((await readRawStream(eventsUrl)).text);
      const tail = eventFramesOf(
        (await readRawStream(eventsUrl, { headers: { 'last-event-id': '3' } })).text,
      );
      expect(tail.length).toBeGreaterThan(0);
      expect(tail).toEqual(full.filter((frame) => seqOf(frame) > 3));
    }
  });

  it('tool_call_delta: off by default; on, cumulative resends become deltas', async () => {
    const plain = await postRun(harness.runUrl, toolRun('tool?args=cumulative'));
    expect(plain.events.some((event) => event.event === 'tool_call_delta')).toBe(false);
    const payload = toolRun('tool?args=cumulative');
    payload.runtime_config.stream_tool_arguments = true;
    const streamed = await postRun(harness.runUrl, payload);
    const deltas = streamed.events.filter((event) => event.event === 'tool_call_delta');
    const start = streamed.events.find((event) => event.event === 'tool_start');
    expect(deltas.length).toBe(2);
    expect(deltas.every((event) => event.data.tool_call_id === start?.data.tool_call_id)).toBe(
      true,
    );
    expect(JSON.parse(deltas.map((event) => event.data.arguments_delta).join(''))).toEqual(
      start?.data.arguments,
    );
    expect(start?.data.arguments).toEqual({ city: 'Paris' });
  });

  it('refuses an unknown protocol with its path', async () => {
    const response = await request(harness.service.baseUrl)
      .post('/v1/run_workflow?protocol=grpc')
      .send(toolRun())
      .expect(400);
    expect(response.body.error.details).toEqual([
      { path: 'protocol', message: 'must be one of: native, ag-ui, ai-sdk' },
    ]);
  });
});
