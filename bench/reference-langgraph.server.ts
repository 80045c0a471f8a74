/**
 * What a competent engineer writes in an afternoon: node:http around LangGraph's prebuilt
 * ReAct agent with ChatOpenAI, streaming the same events. Usage: node … <port>
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AIMessageChunk, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { ChatOpenAI } from '@langchain/openai';
import { endStream, readJson, sseWriter } from './sse-frames.js';

function httpTool(spec: any) {
  return tool(
    async (args: Record<string, unknown>) => {
      const url = new URL(spec.execution_config.url);
      for (const [name, value] of Object.entries(args)) url.searchParams.set(name, String(value));
      return JSON.stringify(await (await fetch(url)).json());
    },
    { name: spec.name, description: spec.description ?? spec.name, schema: spec.parameter_schema },
  );
}

createServer(async (req, res) => {
  const payload = await readJson(req);
  const { model } = payload.runtime_config;
  const llm = new ChatOpenAI({
    model: model.model_name,
    apiKey: model.api_key,
    configuration: { baseURL: model.base_url },
    streaming: true,
    streamUsage: true,
  });
  const agent = createReactAgent({
    llm,
    tools: (payload.runtime_config.tools ?? []).map(httpTool),
  });
  const emit = sseWriter(res, randomUUID());
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const stream = await agent.stream(
    { messages: payload.input.messages },
    { streamMode: ['messages', 'updates'], signal: controller.signal },
  );
  for await (const [mode, chunk] of stream as AsyncIterable<[string, any]>) {
    if (mode === 'messages') {
      const [message] = chunk;
      if (
        message instanceof AIMessageChunk &&
        typeof message.content === 'string' &&
        message.content
      ) {
        emit('message_chunk', { content: message.content });
      }
      continue;
    }
    for (const call of chunk.agent?.messages?.at(-1)?.tool_calls ?? []) {
      emit('tool_start', {
        tool_call_id: call.id,
        tool_name: call.name,
        tool_type: 'HTTP',
        arguments: call.args,
      });
    }
    for (const message of chunk.tools?.messages ?? []) {
      if (message instanceof ToolMessage) {
        emit('tool_result', {
          tool_call_id: message.tool_call_id,
          tool_name: message.name,
          status: 'success',
          result: message.content,
          duration_ms: 0,
        });
      }
    }
  }
  endStream(emit, res);
}).listen(Number(process.argv[2]), '127.0.0.1');

// Exit cleanly on SIGTERM so `--cpu-prof` writes its profile (bench/profile.ts).
process.once('SIGTERM', () => process.exit(0));
