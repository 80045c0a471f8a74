import type { ToolCallChunk } from '@langchain/core/messages/tool';
import type { RunEventBody } from '../../common/run-events/run-event.types.js';

interface PendingCall {
  id?: string;
  name?: string;
  /** Arguments received before the call's id and name were known. */
  unsent: string;
}

/**
 * `tool_call_delta` events from one model call's tool-call fragments (opt-in:
 * `runtime_config.stream_tool_arguments`). Fragments are keyed by index, as the provider sends
 * them; empty fragments (many providers open a call with one) produce no event, and arguments
 * that arrive before the call's id and name go out with the first event that has both.
 */
export class ToolCallDeltas {
  private readonly calls = new Map<number, PendingCall>();

  events(chunks: ToolCallChunk[] | undefined): RunEventBody<'tool_call_delta'>[] {
    const events: RunEventBody<'tool_call_delta'>[] = [];
    for (const chunk of chunks ?? []) {
      const index = chunk.index ?? 0;
      const call = this.calls.get(index) ?? { unsent: '' };
      this.calls.set(index, call);
      call.id ||= chunk.id;
      call.name ||= chunk.name;
      call.unsent += chunk.args ?? '';
      if (!call.id || !call.name || !call.unsent) continue;
      events.push({
        type: 'tool_call_delta',
        tool_call_id: call.id,
        tool_name: call.name,
        arguments_delta: call.unsent,
      });
      call.unsent = '';
    }
    return events;
  }
}
