import type { AgentHarness } from './agent-harness.js';
import { examplePayload } from './agent-payloads.js';

/**
 * The test model answers json_schema requests with `structured`, the rest as `kind`
 * (test/fixtures/model-scenario.ts).
 */
export const structuredScenario = (kind: string, structured?: unknown) =>
  structured === undefined
    ? kind
    : `${kind}${kind.includes('?') ? '&' : '?'}structured=${encodeURIComponent(JSON.stringify(structured))}`;

/**
 * The example payload as a `graph` run of `graph` against the harness's model (scenario
 * `modelName`) and weather plugin, asking about the weather in Paris.
 */
export function graphPayload(
  harness: AgentHarness,
  graph: unknown,
  modelName: string,
  variables: Record<string, unknown> = {},
): Record<string, any> {
  const payload = examplePayload({
    modelBaseUrl: harness.model.baseUrl,
    modelName,
    pluginOrigin: harness.plugin.origin,
  });
  payload.task_meta.workflow_id = 'graph';
  payload.runtime_config.graph = graph;
  payload.input.variables = variables;
  payload.input.messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  return payload;
}
