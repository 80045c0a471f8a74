import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { RunChatModel } from '../../model-gateway/chat-model.provider.js';
import type { FinishReason, TokenUsage } from '../../common/run-events/run-event.types.js';
import type { RunTool, ToolContext } from '../../tools/tool.types.js';
import type { UsageMeter } from '../usage-meter.js';

/**
 * The per-run half of the agent graph, passed in `configurable` so the compiled graph is
 * shared by every run: the run's model with its tools bound, the tools by name, limits, and
 * the outcome the nodes fill in.
 */
export interface AgentRuntime {
  model: RunChatModel;
  tools: ReadonlyMap<string, RunTool>;
  toolContext: ToolContext;
  usage: UsageMeter;
  maxIterations: number;
  maxParallelTools: number;
  /** runtime_config.stream_tool_arguments: emit `tool_call_delta` events. */
  streamToolArguments: boolean;
  outcome: { finishReason: FinishReason; modelCalls: number };
}

const RUNTIME_KEY = 'agent_runtime';

export function runtimeConfigurable(runtime: AgentRuntime): Record<string, unknown> {
  return { [RUNTIME_KEY]: runtime };
}

export function agentRuntimeOf(config: LangGraphRunnableConfig): AgentRuntime {
  const runtime = config.configurable?.[RUNTIME_KEY] as AgentRuntime | undefined;
  if (!runtime) throw new Error('agent graph run without its runtime');
  return runtime;
}

/** OpenAI finish reasons that end a run; `tool_calls` never does (the loop continues). */
export function finishReasonOf(raw: unknown): FinishReason {
  return raw === 'length' || raw === 'content_filter' ? raw : 'stop';
}

export function usageOf(
  metadata: { input_tokens?: number; output_tokens?: number; total_tokens?: number } | undefined,
): Partial<TokenUsage> | undefined {
  if (!metadata) return undefined;
  return {
    prompt_tokens: metadata.input_tokens,
    completion_tokens: metadata.output_tokens,
    total_tokens: metadata.total_tokens,
  };
}
