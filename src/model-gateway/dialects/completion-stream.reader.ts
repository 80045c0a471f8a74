import type { ToolCallChunk } from '@langchain/core/messages/tool';
import type { RawCompletionChunk, RawUsage } from './completion-chunk.js';
import { readContent, readReasoningField } from './content-parts.js';
import { usageIn } from './stream-usage.js';
import { ToolCallTracker } from './tool-call.tracker.js';

/** What one chunk adds to the turn; chunks that add nothing are not worth a piece. */
export interface TurnPiece {
  text: string;
  reasoning: string;
  toolCalls: ToolCallChunk[];
}

/** What the whole turn reported once its stream ended. */
export interface TurnSummary {
  finishReason?: string;
  usage?: RawUsage;
}

/**
 * Reads one model turn's Chat Completions chunks in every dialect we know
 * (docs/model-gateway.md, "Provider compatibility") and gives what OpenAI's own stream would:
 * - every delta is the assistant's, whatever its `role` says (absent, null or `""` on some
 *   or all chunks: Gemini through proxies, MiniMax, gateways in front of Anthropic);
 * - text and reasoning from a string, typed parts or a reasoning field;
 * - tool calls told apart by id and index (ToolCallTracker);
 * - the finish reason and usage once, at the end: servers repeat usage as a running total,
 *   and `finish_reason: "stop"` on a turn with tool calls (Gemini) is read as `tool_calls`.
 */
export class CompletionStreamReader {
  private readonly toolCalls = new ToolCallTracker();
  private finishReason?: string;
  private usage?: RawUsage;

  read(chunk: RawCompletionChunk): TurnPiece | undefined {
    this.usage = usageIn(chunk) ?? this.usage;
    // Only the first choice streams: the gateway never asks for n > 1.
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return undefined; // e.g. Azure's prompt_filter_results, a usage-only chunk
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (!delta) return undefined;
    const content = readContent(delta.content);
    const piece: TurnPiece = {
      text: content.text,
      reasoning: readReasoningField(delta) + content.reasoning,
      toolCalls: Array.isArray(delta.tool_calls) ? this.toolCalls.chunks(delta.tool_calls) : [],
    };
    return piece.text || piece.reasoning || piece.toolCalls.length > 0 ? piece : undefined;
  }

  summary(): TurnSummary {
    const finishReason =
      this.toolCalls.count > 0 && this.finishReason === 'stop' ? 'tool_calls' : this.finishReason;
    return { finishReason, usage: this.usage };
  }
}
