/**
 * The physical limit: the same run made with raw HTTP and no framework. Model call (streamed,
 * tool call assembled) → plugin call → model call streaming the answer, as protocol frames.
 * Usage: node ideal-orchestrator.js <port>
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createParser } from 'eventsource-parser';
import { endStream, readJson, sseWriter } from './sse-frames.js';

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

async function streamChat(payload: any, messages: unknown[], onText: (text: string) => void) {
  const { model } = payload.runtime_config;
  const tools = (payload.runtime_config.tools ?? []).map((tool: any) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameter_schema },
  }));
  const response = await fetch(`${model.base_url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${model.api_key}` },
    body: JSON.stringify({
      model: model.model_name,
      messages,
      tools,
      stream: true,
      stream_options: { include_usage: true },
    }),
  });
  const calls: ToolCall[] = [];
  const parser = createParser({
    onEvent: ({ data }) => {
      if (data === '[DONE]') return;
      const delta = JSON.parse(data).choices?.[0]?.delta;
      if (delta?.content) onText(delta.content);
      for (const part of delta?.tool_calls ?? []) {
        calls[part.index] ??= { id: part.id, name: part.function?.name, arguments: '' };
        calls[part.index].arguments += part.function?.arguments ?? '';
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  return calls;
}

createServer(async (req, res) => {
  const payload = await readJson(req);
  const emit = sseWriter(res, randomUUID());
  const messages: any[] = [...payload.input.messages];
  for (let turn = 0; turn < 5; turn += 1) {
    const calls = await streamChat(payload, messages, (content) =>
      emit('message_chunk', { content }),
    );
    if (calls.length === 0) break;
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    for (const call of calls) {
      const spec = payload.runtime_config.tools.find((tool: any) => tool.name === call.name);
      const args = JSON.parse(call.arguments || '{}');
      emit('tool_start', {
        tool_call_id: call.id,
        tool_name: call.name,
        tool_type: 'HTTP',
        arguments: args,
      });
      const url = new URL(spec.execution_config.url);
      for (const [name, value] of Object.entries(args)) url.searchParams.set(name, String(value));
      const result = await (await fetch(url)).json();
      emit('tool_result', {
        tool_call_id: call.id,
        tool_name: call.name,
        status: 'success',
        result,
        duration_ms: 0,
      });
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
  endStream(emit, res);
}).listen(Number(process.argv[2]), '127.0.0.1');

// Exit cleanly on SIGTERM so `--cpu-prof` writes its profile (bench/profile.ts).
process.once('SIGTERM', () => process.exit(0));
