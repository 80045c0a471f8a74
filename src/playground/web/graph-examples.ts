// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editor holds whatever JSON is typed
type Payload = Record<string, any>;

/** One of the service's documented graph examples (GET /v1/schemas/graph/examples). */
export interface GraphExample {
  name: string;
  description: string;
  variables: Record<string, unknown>;
  graph: Record<string, unknown>;
}

/** Fills the menu with the service's graph examples (none when it refuses: no token yet). */
export async function loadGraphExamples(
  menu: HTMLSelectElement,
  headers: Record<string, string>,
): Promise<GraphExample[]> {
  const response = await fetch('/v1/schemas/graph/examples', { headers });
  if (!response.ok) return [];
  const examples = (await response.json()) as GraphExample[];
  menu.replaceChildren(
    new Option('—', ''),
    ...examples.map(
      (example) => new Option(`${example.name} — ${example.description}`, example.name),
    ),
  );
  return examples;
}

/**
 * The payload as a run of the example: its definition in runtime_config.graph, its
 * variables added, and step events on so the timeline shows each node.
 */
export function withGraphExample(payload: Payload, example: GraphExample): Payload {
  return {
    ...payload,
    runtime_config: { ...payload.runtime_config, graph: example.graph, stream_steps: true },
    input: {
      ...payload.input,
      variables: { ...payload.input?.variables, ...example.variables },
    },
  };
}
