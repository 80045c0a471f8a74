import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { RunChatModel } from '../../model-gateway/chat-model.provider.js';
import type { RunTool } from '../../tools/tool.types.js';
import type { WorkflowRunContext } from '../workflow.types.js';
import { toOpenAiTool } from './openai-tool.js';
import { type OutputCheck, outputCheckOf } from './output-check.js';

const RUNTIME_KEY = 'graph_runtime';

/**
 * The per-run half of a kit graph, passed in `configurable` by runGraph so each graph is
 * compiled once and shared by every run: the run's context, its tools by name, and its model
 * with each set of tools a node binds (each made on first use).
 */
export class GraphRuntime {
  readonly tools: ReadonlyMap<string, RunTool>;
  /** The run's model by the names of the tools bound to it (a graph's llm nodes bind a few). */
  private readonly models = new Map<string, RunChatModel>();
  /** Made on first use; null when the run has no JSON format. */
  private check?: { output: OutputCheck; attempts: number } | null;

  constructor(readonly context: WorkflowRunContext) {
    this.tools = new Map(context.tools.map((tool) => [tool.name, tool]));
  }

  /** The run's model; with `tools` (the default) the run's tools are bound to it. */
  model(tools = true): RunChatModel {
    return this.modelWith(tools ? [...this.tools.keys()] : []);
  }

  /** The run's model with these of the run's tools bound (none: no tools), made once per set. */
  modelWith(names: readonly string[]): RunChatModel {
    const key = names.join('\n');
    let model = this.models.get(key);
    if (!model) {
      const bound = names.flatMap((name) => {
        const tool = this.tools.get(name);
        return tool ? [toOpenAiTool(tool)] : [];
      });
      model = this.context.chatModel(bound.length > 0 ? bound : undefined);
      this.models.set(key, model);
    }
    return model;
  }

  /**
   * The final answer's check, from runtime_config.model.response_format (json_object or
   * json_schema; the run's contract, whichever model answers), with the repairs it allows.
   */
  get outputCheck(): { output: OutputCheck; attempts: number } | undefined {
    if (this.check === undefined) {
      const { model, output_repair_attempts: attempts = 0 } = this.context.payload.runtime_config;
      const output = outputCheckOf(model.response_format);
      this.check = output ? { output, attempts } : null;
    }
    return this.check ?? undefined;
  }

  /** runtime_config.stream_steps: nodes are framed by `step_start` / `step_end` (steppedNode). */
  get streamSteps(): boolean {
    return this.context.payload.runtime_config.stream_steps === true;
  }

  /** runtime_config.stream_tool_arguments: model nodes emit `tool_call_delta` events. */
  get streamToolArguments(): boolean {
    return this.context.payload.runtime_config.stream_tool_arguments === true;
  }

  configurable(): Record<string, unknown> {
    return { [RUNTIME_KEY]: this };
  }
}

export function graphRuntimeOf(config: LangGraphRunnableConfig): GraphRuntime {
  const runtime = config.configurable?.[RUNTIME_KEY];
  if (!(runtime instanceof GraphRuntime)) throw new Error('a kit node ran outside runGraph');
  return runtime;
}
