import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatOpenAICompletions } from '@langchain/openai';
import { completionMessages } from './completion-messages.js';
import { type CompletionEndpoint, completionChunks } from './completion-stream.js';
import {
  CompletionStreamReader,
  type TurnPiece,
  type TurnSummary,
} from './dialects/completion-stream.reader.js';
import type { RunError } from '../common/errors/execution-plane.error.js';
import { type ModelCallListener, TrackedCall } from './model-call.listener.js';
import { translateModelError } from './model-error.translator.js';
import { type ModelRequest, toolRequestFields } from './model-request.js';
import type { ModelTransport } from './model-transport.js';
import { summaryFields, TurnAccumulator } from './turn-accumulator.js';

/** What a run binds to each call of a shared client (OpenAiChatModelProvider.create). */
interface PerRunOptions {
  headers?: Record<string, string>;
  callListener?: ModelCallListener;
}

export type ModelCallObserver = (durationMs: number, outcome: string) => void;

/**
 * How this client reaches its endpoint: the shared transport, its URL and headers, and what
 * the run's model config adds to each request.
 */
export interface CompletionRoute {
  transport: ModelTransport;
  endpoint: CompletionEndpoint;
  request: ModelRequest;
}

function pieceChunk(piece: TurnPiece, id: string | undefined): ChatGenerationChunk {
  const message = new AIMessageChunk({
    content: piece.text,
    tool_call_chunks: piece.toolCalls,
    additional_kwargs: piece.reasoning ? { reasoning_content: piece.reasoning } : {},
    ...(id && { id }),
  });
  return new ChatGenerationChunk({ message, text: piece.text });
}

/** The turn's last chunk: its finish reason and usage, once. */
function summaryChunk(summary: TurnSummary): ChatGenerationChunk {
  const message = new AIMessageChunk({ content: '', ...summaryFields(summary) });
  return new ChatGenerationChunk({ message, text: '' });
}

/**
 * LangChain's Chat Completions model, reading the stream itself so every OpenAI-compatible
 * dialect gives the same message (dialects/, docs/model-gateway.md "Provider
 * compatibility"): LangChain's own reader drops reasoning, tool calls and usage of chunks
 * whose `role` is missing or empty, drops (and prints a warning for) typed content parts,
 * merges parallel calls that share an index, and reads usage in one place only.
 * Besides:
 * - the turn ends with one chunk carrying `finish_reason` in `response_metadata` (LangChain
 *   keeps it only in generation info) and the usage, counted once;
 * - tool-call arguments arrive as deltas even from providers that resend them whole;
 * - every tool message of the request answers a call of the assistant message before it;
 * - failures leave as RunErrors with protocol codes (see translateModelError).
 * Every call streams (`_generate` reads `_streamResponseChunks` when `streaming` is set), and
 * the stream is read from `route` (completionChunks), not through the OpenAI SDK's client:
 * its web streams, line and SSE decoders cost more per token than the rest of a turn.
 */
export class OpenAiCompatibleChatModel extends ChatOpenAICompletions {
  /** Told how each call went: its duration and `ok`, `cancelled` or the error code. */
  observeCall: ModelCallObserver = () => undefined;

  constructor(
    fields: ConstructorParameters<typeof ChatOpenAICompletions>[0],
    private readonly route: CompletionRoute,
  ) {
    super({ ...fields, streaming: true });
  }

  /** `user` may come with the call: the client is shared by runs of different users. */
  override invocationParams(options?: this['ParsedCallOptions'], extra?: { streaming?: boolean }) {
    const params = super.invocationParams(options, extra);
    const user = (options as { user?: string } | undefined)?.user;
    return user ? { ...params, user } : params;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const turn = this.readTurn(messages, options);
    let messageId: string | undefined;
    for (;;) {
      const step = await turn.next();
      if (step.done) {
        yield summaryChunk(step.value);
        return;
      }
      // The id goes on the first chunk only: merged chunks would join differing ids.
      const chunk = pieceChunk(
        step.value.piece,
        messageId === undefined ? step.value.id : undefined,
      );
      messageId ??= step.value.id ?? '';
      yield chunk;
      await runManager?.handleLLMNewToken(
        chunk.text,
        { prompt: 0, completion: 0 },
        undefined,
        undefined,
        undefined,
        { chunk },
      );
    }
  }

  /**
   * One turn as its pieces, as they arrive, then its whole message: what `stream()` gives,
   * without LangChain's per-chunk machinery (callback managers and run trees, a
   * ChatGenerationChunk and a message merge per token; docs/performance.md). Workflows reach
   * it through streamModelTurn; `stream()` stays for everything else.
   */
  async *streamPieces(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): AsyncGenerator<TurnPiece, AIMessageChunk> {
    const turn = this.readTurn(messages, options);
    const accumulator = new TurnAccumulator();
    let messageId: string | undefined;
    for (;;) {
      const step = await turn.next();
      if (step.done) return accumulator.message(step.value, messageId);
      messageId ??= step.value.id;
      accumulator.add(step.value.piece);
      yield step.value.piece;
    }
  }

  /**
   * The turn's pieces with the id of the chunk each came in, then its summary; failures
   * translated (translateModelError) and every call observed. One generator for all of it:
   * every layer of async generators costs promises on every token.
   */
  private async *readTurn(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): AsyncGenerator<{ piece: TurnPiece; id?: string }, TurnSummary> {
    const body = this.requestBody(messages, options);
    // Call options: the run's X-Trace-Id and listener (the client is shared by runs).
    const { headers, callListener } = options as PerRunOptions;
    // May refuse the call (a budget spent) before anything is sent.
    const call = new TrackedCall(callListener?.call(this.model, body));
    const startedAt = Date.now();
    let outcome = 'ok';
    try {
      const stream = completionChunks(this.route.transport, this.route.endpoint, {
        body,
        headers: call.headers ? { ...headers, ...call.headers } : headers,
        signal: options.signal,
        onRetry: (attempt, reason) => call.retried(attempt, reason),
      });
      const reader = new CompletionStreamReader();
      for await (const raw of stream) {
        options.signal?.throwIfAborted();
        const piece = reader.read(raw);
        call.chunk(piece);
        if (piece) yield { piece, id: raw.id };
      }
      options.signal?.throwIfAborted();
      const summary = reader.summary();
      call.answered(summary.usage, summary.finishReason);
      return summary;
    } catch (error) {
      const stopped = options.signal?.aborted === true;
      const translated = stopped ? error : translateModelError(error);
      outcome = stopped ? 'cancelled' : (translated as RunError).code;
      call.failed(outcome, stopped);
      throw translated;
    } finally {
      call.close();
      this.observeCall(Date.now() - startedAt, outcome);
    }
  }

  /**
   * The config's fields (sampling, format, `extra_body`), the tool fields when the call has
   * tools, then LangChain's (model, tools, `user`, a call's own `response_format`) and ours.
   */
  private requestBody(messages: BaseMessage[], options: this['ParsedCallOptions']): string {
    const { request } = this.route;
    const tools = (options as { tools?: unknown[] }).tools;
    // LangChain names every field it knows, unset ones as undefined: those must not hide ours.
    const langChain = Object.entries(this.invocationParams(options, { streaming: true })).filter(
      ([, value]) => value !== undefined,
    );
    return JSON.stringify({
      ...request.fields,
      ...(tools?.length && toolRequestFields(request, messages)),
      ...Object.fromEntries(langChain),
      messages: completionMessages(messages, this.model),
      stream: true,
    });
  }
}
