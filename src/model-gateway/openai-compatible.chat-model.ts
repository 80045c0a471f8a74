import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatOpenAICompletions } from '@langchain/openai';
import { completionMessages } from './completion-messages.js';
import { ConsumerLeft, pulled } from '../common/async/pulled.js';
import type { PieceSink } from './chat-model.provider.js';
import {
  type CompletionCall,
  type CompletionEndpoint,
  readCompletion,
} from './completion-stream.js';
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

/** Takes a piece with the id of the chunk it came in (readTurn's consumers). */
type PieceAndIdSink = (piece: TurnPiece, id: string | undefined) => Promise<unknown> | undefined;

/** A piece's consumer threw: its own error, which the call passes on untranslated. */
class ConsumerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * What a failed call throws, and whether it was stopped rather than failed: a cancel, a
 * consumer that threw, or a LangChain reader that left early — the endpoint did nothing wrong.
 */
function failureOf(error: unknown, signal?: AbortSignal): { stopped: boolean; thrown: unknown } {
  if (error instanceof ConsumerFailure) return { stopped: true, thrown: error.error };
  if (signal?.aborted === true || error instanceof ConsumerLeft)
    return { stopped: true, thrown: error };
  return { stopped: false, thrown: translateModelError(error) };
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
 * the stream is read from `route` (readCompletion), not through the OpenAI SDK's client:
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
    let messageId: string | undefined;
    const chunks = pulled<ChatGenerationChunk, TurnSummary>((push) =>
      this.readTurn(messages, options, (piece, id) => {
        // The id goes on the first chunk only: merged chunks would join differing ids.
        const chunk = pieceChunk(piece, messageId === undefined ? id : undefined);
        messageId ??= id ?? '';
        return push(chunk);
      }),
    );
    try {
      for (;;) {
        const step = await chunks.next();
        if (step.done) {
          yield summaryChunk(step.value);
          return;
        }
        yield step.value;
        await runManager?.handleLLMNewToken(
          step.value.text,
          { prompt: 0, completion: 0 },
          undefined,
          undefined,
          undefined,
          { chunk: step.value },
        );
      }
    } finally {
      // A reader that left early: the call stops, and its connection closes.
      await chunks.return(undefined as never);
    }
  }

  /**
   * One turn, each piece handed to `onPiece` as it arrives, then its whole message: what
   * `stream()` gives, without LangChain's per-chunk machinery (callback managers and run
   * trees, a ChatGenerationChunk and a message merge per token; docs/performance.md).
   * Workflows reach it through streamModelTurn; `stream()` stays for everything else.
   */
  async streamTurn(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    onPiece: PieceSink,
  ): Promise<AIMessageChunk> {
    const accumulator = new TurnAccumulator();
    let messageId: string | undefined;
    const summary = await this.readTurn(messages, options, (piece, id) => {
      messageId ??= id;
      accumulator.add(piece);
      return onPiece(piece);
    });
    return accumulator.message(summary, messageId);
  }

  /**
   * The turn's pieces, each with the id of the chunk it came in, then its summary; failures
   * translated (translateModelError) and every call observed. Pushed from the model's stream
   * to `onPiece` rather than pulled through generators: every layer of async generators costs
   * promises on every token.
   */
  private async readTurn(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    onPiece: PieceAndIdSink,
  ): Promise<TurnSummary> {
    const body = this.requestBody(messages, options);
    // Call options: the run's X-Trace-Id and listener (the client is shared by runs).
    const { headers, callListener } = options as PerRunOptions;
    // May refuse the call (a budget spent) before anything is sent.
    const call = new TrackedCall(callListener?.call(this.model, body));
    const startedAt = Date.now();
    let outcome = 'ok';
    try {
      const request = {
        body,
        headers: call.headers ? { ...headers, ...call.headers } : headers,
        signal: options.signal,
        onRetry: (attempt: number, reason: string) => call.retried(attempt, reason),
      };
      const summary = await this.readPieces(call, request, onPiece);
      call.answered(summary.usage, summary.finishReason);
      return summary;
    } catch (error) {
      const { stopped, thrown } = failureOf(error, options.signal);
      outcome = stopped ? 'cancelled' : (thrown as RunError).code;
      call.failed(outcome, stopped);
      throw thrown;
    } finally {
      call.close();
      this.observeCall(Date.now() - startedAt, outcome);
    }
  }

  /** The call's chunks read into pieces as they arrive, each told to `call` and `onPiece`. */
  private async readPieces(
    call: TrackedCall,
    request: CompletionCall,
    onPiece: PieceAndIdSink,
  ): Promise<TurnSummary> {
    const reader = new CompletionStreamReader();
    await readCompletion(this.route.transport, this.route.endpoint, request, (raw) => {
      request.signal?.throwIfAborted();
      const piece = reader.read(raw);
      call.chunk(piece);
      if (!piece) return undefined;
      try {
        return onPiece(piece, raw.id);
      } catch (error) {
        throw new ConsumerFailure(error);
      }
    });
    request.signal?.throwIfAborted();
    return reader.summary();
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
