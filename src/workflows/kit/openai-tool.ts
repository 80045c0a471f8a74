import type { ModelToolDefinition } from '../../model-gateway/chat-model.provider.js';
import type { RunTool } from '../../tools/tool.types.js';

/** A run's tool as the model is offered it (OpenAI function format). */
export function toOpenAiTool(tool: RunTool): ModelToolDefinition {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}
