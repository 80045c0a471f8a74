import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { RunErrorCode } from '../common/errors/error-code.js';
import { RunError } from '../common/errors/execution-plane.error.js';
import type { PieceSink, RunChatModel, TurnOptions } from './chat-model.provider.js';

/**
 * Whether a failed call may go on to the next model: a retryable failure (after the
 * transport's own retries) or a conversation too long for this model, which a model with a
 * larger context may take.
 */
export function fallsBack(error: unknown): error is RunError {
  return error instanceof RunError && (error.retryable || error.code === 'context_length_exceeded');
}

/** Told each time a model's call failed and the next model takes over. */
export type FallbackObserver = (failedCode: RunErrorCode) => void;

/**
 * One turn on the first model that answers: a call that fails before its first piece with a
 * failure that falls back (fallsBack) goes to the next model, in order. Never once a piece
 * came: the client has seen it, and another model's answer would not continue it.
 */
async function turnWithFallbacks(
  models: readonly RunChatModel[],
  messages: BaseMessage[],
  options: TurnOptions,
  onPiece: PieceSink,
  observe: FallbackObserver,
): Promise<AIMessageChunk> {
  let answering = false;
  const firstNoted: PieceSink = (piece) => {
    answering = true;
    return onPiece(piece);
  };
  for (const [index, model] of models.entries()) {
    try {
      return await model.streamTurn(messages, options, firstNoted);
    } catch (error) {
      const last = index === models.length - 1;
      if (answering || last || options.signal?.aborted || !fallsBack(error)) throw error;
      observe(error.code);
    }
  }
  throw new Error('a model chain needs at least one model');
}

/**
 * The run's models as one RunChatModel: `streamTurn` falls back as turnWithFallbacks says;
 * the LangChain surface is LangChain's own `withFallbacks`, which falls back on any failure
 * before the first chunk.
 */
export function withModelFallbacks(
  models: readonly RunChatModel[],
  observe: FallbackObserver,
): RunChatModel {
  const [primary, ...fallbacks] = models;
  if (fallbacks.length === 0) return primary;
  return Object.assign(primary.withFallbacks(fallbacks), {
    streamTurn: (messages: BaseMessage[], options: TurnOptions, onPiece: PieceSink) =>
      turnWithFallbacks(models, messages, options, onPiece, observe),
  }) as unknown as RunChatModel;
}
