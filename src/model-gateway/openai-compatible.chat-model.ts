import type { AIMessageChunk, BaseMessage, BaseMessageChunk } from '@langchain/core/messages';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatOpenAICompletions } from '@langchain/openai';
import { translateModelError } from './model-error.translator.js';
import { ToolArgumentsNormaliser } from './tool-arguments.normaliser.js';

export type ModelCallObserver = (durationMs: number, outcome: string) => void;

type Delta = Record<string, unknown> & { reasoning?: unknown; reasoning_content?: unknown };
type RawChunk = { choices?: { finish_reason?: string | null }[] };

/**
 * LangChain's Chat Completions model, adjusted for OpenAI-compatible servers:
 * - `reasoning` deltas (vLLM, OpenRouter) are read like `reasoning_content` (DeepSeek, Qwen);
 * - each chunk carries the choice's `finish_reason` in `response_metadata` (LangChain keeps it
 *   only in generation info, which LangGraph's message stream does not expose);
 * - tool-call arguments arrive as deltas even from providers that resend them whole;
 * - failures leave as RunErrors with protocol codes (see translateModelError).
 */
export class OpenAiCompatibleChatModel extends ChatOpenAICompletions {
  /** Told how each call went: its duration and `ok`, `cancelled` or the error code. */
  observeCall: ModelCallObserver = () => undefined;

  /** `user` may come with the call: the client is shared by runs of different users. */
  override invocationParams(options?: this['ParsedCallOptions'], extra?: { streaming?: boolean }) {
    const params = super.invocationParams(options, extra);
    const user = (options as { user?: string } | undefined)?.user;
    return user ? { ...params, user } : params;
  }

  override _convertCompletionsDeltaToBaseMessageChunk(
    delta: Delta,
    rawResponse: RawChunk,
    defaultRole?: string,
  ): BaseMessageChunk {
    const normalised =
      delta.reasoning_content === undefined && typeof delta.reasoning === 'string'
        ? { ...delta, reasoning_content: delta.reasoning }
        : delta;
    const chunk = super._convertCompletionsDeltaToBaseMessageChunk(
      normalised as never,
      rawResponse as never,
      defaultRole as never,
    );
    const finishReason = rawResponse.choices?.[0]?.finish_reason;
    if (finishReason)
      chunk.response_metadata = { ...chunk.response_metadata, finish_reason: finishReason };
    return chunk;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const startedAt = Date.now();
    let outcome = 'ok';
    const toolArguments = new ToolArgumentsNormaliser();
    try {
      for await (const chunk of super._streamResponseChunks(messages, options, runManager)) {
        // Deltas from here on, also from providers that resend all arguments so far.
        for (const call of (chunk.message as AIMessageChunk).tool_call_chunks ?? [])
          if (typeof call.args === 'string')
            call.args = toolArguments.delta(call.index ?? 0, call.args);
        yield chunk;
      }
    } catch (error) {
      if (options.signal?.aborted) {
        outcome = 'cancelled';
        throw error;
      }
      const translated = translateModelError(error);
      outcome = translated.code;
      throw translated;
    } finally {
      this.observeCall(Date.now() - startedAt, outcome);
    }
  }
}
