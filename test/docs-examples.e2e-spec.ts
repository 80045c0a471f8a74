import request from 'supertest';
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
});
