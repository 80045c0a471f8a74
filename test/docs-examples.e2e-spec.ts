import request from 'supertest';
import { OPENAI_CHUNKS_PROTOCOL } from '../docs/examples/openai-chunks.protocol.js';
import type { RunEvent } from '../src/common/run-events/run-event.types.js';
import { SingleShotWorkflow } from '../docs/examples/single-shot.workflow.js';
import { WordCountTool } from '../docs/examples/word-count.tool.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

/** docs/extending.md's worked examples, registered the way the document says. */
describe('docs/extending.md examples', () => {
  let harness: AgentHarness;
  beforeAll(
    async () =>
      (harness = await startAgentHarness({ providers: [WordCountTool, SingleShotWorkflow] })),
  );
  afterAll(() => harness.close());

  it('lists the example tool and workflow on GET /', async () => {
    const info = (await request(harness.service.baseUrl).get('/').expect(200)).body;
    expect(info.native_tools.map((tool: { name: string }) => tool.name)).toContain('word_count');
    expect(info.workflows.map((workflow: { id: string }) => workflow.id)).toContain('single_shot');
  });

  it('calls word_count through agent_chat', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([
        { name: 'word_count', args: { text: 'to be or not to be', unique: true } },
      ]),
      tools: [{ type: 'NATIVE', name: 'word_count' }],
    });
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    expect(stream.events.find((event) => event.event === 'tool_result')?.data.result).toEqual({
      words: 4,
      unique: true,
    });
  });

  it('streams the single_shot workflow', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?text=One shot answer',
    });
    payload.task_meta.workflow_id = 'single_shot';
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('One shot answer');
    expect(
      (stream.events.at(-1)?.data.usage as { total_tokens: number }).total_tokens,
    ).toBeGreaterThan(0);
  });

  it('translates a real run with the openai-chunks protocol', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?text=Chunks for an OpenAI reader&chunks=3',
    });
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    const translate = OPENAI_CHUNKS_PROTOCOL.translator();
    const frames = stream.events.flatMap((event) => translate(event.data as unknown as RunEvent));
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1) as {
      object: string;
      choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
      usage?: unknown;
    }[];
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('');
    expect(text).toBe('Chunks for an OpenAI reader');
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual(stream.events.at(-1)?.data.usage);
  });
});
