import { randomUUID } from 'node:crypto';
import type { ToolCallChunk } from '@langchain/core/messages/tool';
import type { RawToolCallFragment } from './completion-chunk.js';
import { ToolArgumentsNormaliser } from './tool-arguments.normaliser.js';

interface TrackedCall {
  /** Our index: one per call, in the order the calls began. */
  index: number;
  id: string;
  name?: string;
  /** Whether the call's id has gone out in a chunk. */
  announced: boolean;
  hasArguments: boolean;
}

/** An id for a call whose server sent none (older Ollama): tool messages must answer an id. */
function generatedCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

function givenId(fragment: RawToolCallFragment): string | undefined {
  return typeof fragment.id === 'string' && fragment.id !== '' ? fragment.id : undefined;
}

/**
 * Tells the tool calls of one model turn apart, whatever the server does with `index` and
 * `id`, and gives each its own index, so fragments of two calls never merge:
 * - OpenAI: one index per call, the id on its first fragment;
 * - vLLM, lmdeploy: every call at index 0, the id on a call's first fragment, `id: ""` after;
 * - SGLang: every call at index 0, the same id repeated on each fragment;
 * - Gemini's OpenAI endpoint, older Ollama: no index at all (whole calls, or fragments
 *   without an id that continue the last call).
 * A fragment with an id belongs to the call with that id (a new id starts a new call); one
 * without belongs to the latest call begun at its index (a new index starts a new call), or,
 * without an index, to the latest call. A fragment that
 * names a function while carrying no id starts a new call when the latest one already has a
 * name and arguments (servers that give no ids at all).
 */
export class ToolCallTracker {
  private readonly calls: TrackedCall[] = [];
  private readonly byId = new Map<string, TrackedCall>();
  private readonly byServerIndex = new Map<number, TrackedCall>();
  private readonly toolArguments = new ToolArgumentsNormaliser();

  get count(): number {
    return this.calls.length;
  }

  /** The fragments of one chunk as LangChain tool-call chunks with our indices. */
  chunks(fragments: RawToolCallFragment[]): ToolCallChunk[] {
    return fragments.map((fragment) => this.chunk(fragment));
  }

  private chunk(fragment: RawToolCallFragment): ToolCallChunk {
    const call = this.callFor(fragment);
    const name = fragment.function?.name || undefined;
    const args = this.toolArguments.delta(call.index, fragment.function?.arguments ?? '');
    if (args) call.hasArguments = true;
    const chunk: ToolCallChunk = { type: 'tool_call_chunk', index: call.index, args };
    if (!call.announced) {
      chunk.id = call.id;
      call.announced = true;
    }
    if (name && !call.name) {
      call.name = name;
      chunk.name = name;
    }
    return chunk;
  }

  private callFor(fragment: RawToolCallFragment): TrackedCall {
    const id = givenId(fragment);
    const serverIndex = typeof fragment.index === 'number' ? fragment.index : undefined;
    let call: TrackedCall | undefined;
    if (id) call = this.byId.get(id);
    else if (serverIndex !== undefined) call = this.byServerIndex.get(serverIndex);
    else call = this.calls.at(-1);
    const startsAnother =
      !id && Boolean(fragment.function?.name) && call?.name !== undefined && call.hasArguments;
    if (!call || startsAnother) call = this.begin(id);
    if (serverIndex !== undefined) this.byServerIndex.set(serverIndex, call);
    return call;
  }

  private begin(id: string | undefined): TrackedCall {
    const call: TrackedCall = {
      index: this.calls.length,
      id: id ?? generatedCallId(),
      announced: false,
      hasArguments: false,
    };
    this.calls.push(call);
    this.byId.set(call.id, call);
    return call;
  }
}
