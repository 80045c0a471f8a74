/**
 * `npm run bench:floor`: LangGraph's own CPU cost per run, with no I/O at all. The graph has
 * agent_chat's shape (model → tools → model → end over MessagesAnnotation, streamed in
 * `custom` mode); its nodes return canned messages and write `writes` custom events each.
 * This is the floor any LangGraph-based execution plane pays per run, whatever its HTTP,
 * model client and framework cost (docs/performance.md). Writes bench/results/langgraph-floor.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import {
  END,
  type LangGraphRunnableConfig,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { round } from './stats.js';

type State = typeof MessagesAnnotation.State;
const WARM_UP_RUNS = 300;
const MEASURED_RUNS = 2_000;

function buildFloorGraph(writesPerModelTurn: number) {
  const model = (state: State, config: LangGraphRunnableConfig) => {
    for (let index = 0; index < writesPerModelTurn; index += 1)
      config.writer?.({ type: 'message_chunk', content: 'x' });
    const answered = state.messages.some((message) => message instanceof ToolMessage);
    return {
      messages: [
        answered
          ? new AIMessage('done')
          : new AIMessage({
              content: '',
              tool_calls: [{ id: 'call-1', name: 'weather', args: {} }],
            }),
      ],
    };
  };
  const tools = () => ({ messages: [new ToolMessage({ content: '{}', tool_call_id: 'call-1' })] });
  return new StateGraph(MessagesAnnotation)
    .addNode('model', model)
    .addNode('tools', tools)
    .addEdge(START, 'model')
    .addConditionalEdges(
      'model',
      (state: State) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END),
      ['tools', END],
    )
    .addEdge('tools', 'model')
    .compile();
}

async function cpuMsPerRun(writesPerModelTurn: number): Promise<number> {
  const graph = buildFloorGraph(writesPerModelTurn);
  const runOnce = async () => {
    const stream = await graph.stream(
      { messages: [new HumanMessage('hi')] },
      { streamMode: ['custom'] },
    );
    for await (const event of stream) void event;
  };
  for (let run = 0; run < WARM_UP_RUNS; run += 1) await runOnce();
  const before = process.cpuUsage();
  for (let run = 0; run < MEASURED_RUNS; run += 1) await runOnce();
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / MEASURED_RUNS, 3);
}

const results = {
  node: process.version,
  runs: MEASURED_RUNS,
  cpuMsPerRun: { noWrites: await cpuMsPerRun(0), fiftyWritesPerModelTurn: await cpuMsPerRun(50) },
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/langgraph-floor.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results)}\n`);
