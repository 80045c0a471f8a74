import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

const MAX_GRAPH_NODES = 6;

/** A valid two-node graph to break one way per case. */
const baseGraph = () => ({
  version: 1,
  state: { note: { type: 'string' } },
  entry: 'write',
  nodes: [
    { id: 'write', type: 'template', template: 'Hello {{variables.name}}', into: 'note' },
    { id: 'say', type: 'answer', text: '{{state.note}}!' },
  ] as Record<string, unknown>[],
  edges: [{ from: 'write', to: 'say' }] as { from: string; to: string }[],
});

type Graph = ReturnType<typeof baseGraph>;

/** Puts a condition (nodes[2]) between `write` and `say`. */
const withCondition = (graph: Graph, expression: unknown, edges: Record<string, string>) => {
  graph.nodes.push({ id: 'check', type: 'condition', expression, edges });
  graph.edges[0].to = 'check';
};

describe('graph workflows: checked before the stream (400 invalid_graph) and at run time', () => {
  let harness: AgentHarness;
  beforeAll(
    async () =>
      (harness = await startAgentHarness({ env: { MAX_GRAPH_NODES: String(MAX_GRAPH_NODES) } })),
  );
  afterAll(() => harness.close());

  const run = (graph: unknown, options: { steps?: boolean } = {}) => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text',
      pluginOrigin: harness.plugin.origin,
    });
    payload.task_meta.workflow_id = 'graph';
    payload.runtime_config.graph = graph;
    payload.input.variables = { name: 'Ada' };
    if (options.steps) payload.runtime_config.stream_steps = true;
    return postRun(harness.runUrl, payload);
  };

  const refusal = async (graph: unknown) => {
    const stream = await run(graph);
    expect(stream.status).toBe(400);
    const error = stream.json?.error as {
      code: string;
      details: { path: string; message: string }[];
    };
    expect(error.code).toBe('invalid_graph');
    return error.details;
  };

  it('runs the base graph', async () => {
    const stream = await run(baseGraph());
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('Hello Ada!');
  });

  it.each([
    [
      'an unknown node type',
      (graph: Graph) => (graph.nodes[1].type = 'speak'),
      'runtime_config.graph.nodes[1].type',
      /unknown node type 'speak'; known: answer, condition, llm, map, template, tool/,
    ],
    [
      'an unknown edge target',
      (graph: Graph) => (graph.edges[0].to = 'shout'),
      'runtime_config.graph.edges[0].to',
      /'shout' is no node/,
    ],
    [
      'an unknown condition target',
      (graph: Graph) => {
        withCondition(graph, true, { true: 'say', false: 'nowhere' });
      },
      'runtime_config.graph.nodes[2].edges.false',
      /'nowhere' is no node/,
    ],
    [
      'an unreachable node',
      (graph: Graph) => (graph.edges = []),
      'runtime_config.graph.nodes[1]',
      /'say' cannot be reached from the entry/,
    ],
    [
      'a missing entry',
      (graph: Graph) => (graph.entry = 'start'),
      'runtime_config.graph.entry',
      /'start' is no node/,
    ],
    [
      'a template naming an undeclared state key',
      (graph: Graph) => (graph.nodes[1].text = '{{state.mood}}'),
      'runtime_config.graph.nodes[1].text',
      /undeclared state key 'mood'/,
    ],
    [
      'a tool not in runtime_config.tools',
      (graph: Graph) =>
        (graph.nodes[0] = { id: 'write', type: 'tool', tool: 'stocks', into: 'note' }),
      'runtime_config.graph.nodes[0].tool',
      /no tool 'stocks'/,
    ],
    [
      'a cycle with no max_iterations',
      (graph: Graph) => graph.edges.push({ from: 'say', to: 'write' }),
      'runtime_config.graph.nodes[0]',
      /on a cycle with no max_iterations/,
    ],
    [
      'a refused expression operator',
      (graph: Graph) => {
        withCondition(graph, { log: 'x' }, { true: 'say' });
      },
      'runtime_config.graph.nodes[2].expression',
      /refused operator 'log'/,
    ],
    [
      'a field its type does not have',
      (graph: Graph) => (graph.nodes[1].voice = 'loud'),
      'runtime_config.graph.nodes[1].voice',
      /not a field of this node type/,
    ],
  ])('refuses %s', async (_case, breakIt, path, message) => {
    const graph = baseGraph();
    breakIt(graph);
    const details = await refusal(graph);
    expect(details).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses a graph without its definition, and one of more than MAX_GRAPH_NODES nodes', async () => {
    expect(await refusal(undefined)).toEqual([
      { path: 'runtime_config.graph', message: expect.any(String) },
    ]);
    const graph = baseGraph();
    for (let index = 0; index < MAX_GRAPH_NODES; index += 1)
      graph.nodes.push({ id: `extra${index}`, type: 'answer', text: 'x' });
    expect(await refusal(graph)).toEqual([
      {
        path: 'runtime_config.graph.nodes',
        message: `8 nodes; at most MAX_GRAPH_NODES = ${MAX_GRAPH_NODES}`,
      },
    ]);
  });

  it('runs a bounded cycle until its bound, then finishes with max_iterations', async () => {
    const graph = baseGraph();
    graph.nodes[1].max_iterations = 3;
    graph.edges.push({ from: 'say', to: 'write' });
    const stream = await run(graph);
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('Hello Ada!'.repeat(3));
    expect(stream.events.at(-1)?.data.finish_reason).toBe('max_iterations');
  });

  it('ends a run whose node fails with graph_runtime_error naming the node, then done', async () => {
    const graph = baseGraph();
    withCondition(graph, { var: 'variables.name' }, { Bob: 'say' });
    const stream = await run(graph, { steps: true });
    expectWellFormedStream(stream);
    const error = stream.events.find((event) => event.event === 'error');
    expect(error?.data.code).toBe('graph_runtime_error');
    expect(error?.data.message).toMatch(/^Node 'check': /);
    // The state's value (the name) is never quoted.
    expect(JSON.stringify(stream.events)).not.toContain('Ada');
    const steps = stream.events.filter((event) => event.event?.startsWith('step_'));
    expect(
      steps.map(
        (event) => `${event.event} ${String(event.data.node)} ${String(event.data.status ?? '')}`,
      ),
    ).toEqual([
      'step_start write ',
      'step_end write success',
      'step_start check ',
      'step_end check error',
    ]);
  });
});
