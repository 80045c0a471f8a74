import { AIMessageChunk } from '@langchain/core/messages';
import type { ToolCallChunk } from '@langchain/core/messages/tool';
import type { TurnPiece, TurnSummary } from './dialects/completion-stream.reader.js';

/** A turn's summary as the fields of its AIMessageChunk: the finish reason and usage. */
export function summaryFields({ finishReason, usage }: TurnSummary) {
  const prompt = usage?.prompt_tokens ?? 0;
  const completion = usage?.completion_tokens ?? 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  return {
    response_metadata: finishReason ? { finish_reason: finishReason } : {},
    ...(usage && {
      // LangChain's standard names for the details (UsageMetadata).
      usage_metadata: {
        input_tokens: prompt,
        output_tokens: completion,
        total_tokens: usage.total_tokens ?? prompt + completion,
        ...(typeof cached === 'number' && { input_token_details: { cache_read: cached } }),
        ...(typeof reasoning === 'number' && { output_token_details: { reasoning } }),
      },
    }),
  };
}

/**
 * One streamed turn's whole message, built once at its end from its pieces: the message
 * `AIMessageChunk.concat` would give after every chunk (text, reasoning, tool calls merged by
 * index, the finish reason, the usage), without a merge and a new message per token.
 */
export class TurnAccumulator {
  private readonly text: string[] = [];
  private readonly reasoning: string[] = [];
  private readonly calls = new Map<number, ToolCallChunk & { args: string }>();

  add(piece: TurnPiece): void {
    if (piece.text) this.text.push(piece.text);
    if (piece.reasoning) this.reasoning.push(piece.reasoning);
    for (const fragment of piece.toolCalls) {
      const index = fragment.index ?? 0;
      const call = this.calls.get(index);
      if (!call) this.calls.set(index, { ...fragment, args: fragment.args ?? '' });
      else {
        call.id ??= fragment.id;
        call.name ??= fragment.name;
        call.args += fragment.args ?? '';
      }
    }
  }

  message(summary: TurnSummary, id: string | undefined): AIMessageChunk {
    const reasoning = this.reasoning.join('');
    return new AIMessageChunk({
      content: this.text.join(''),
      ...(id && { id }),
      tool_call_chunks: [...this.calls.values()],
      additional_kwargs: reasoning ? { reasoning_content: reasoning } : {},
      ...summaryFields(summary),
    });
  }
}
