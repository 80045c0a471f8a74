import { readFileSync } from 'node:fs';

/**
 * The complete examples of docs/graph-workflows.md: JSON files shipped beside this module
 * (the build copies them), served at GET /v1/schemas/graph/examples, loaded by the
 * playground, run end to end by test/graph-workflows.e2e-spec.ts.
 */
export const GRAPH_EXAMPLE_NAMES = [
  'classify-then-answer',
  'extract-call-summarise',
  'map-cities',
] as const;
export type GraphExampleName = (typeof GRAPH_EXAMPLE_NAMES)[number];

/** One example: what it shows, the variables its templates read, its definition. */
export interface GraphExample {
  name: GraphExampleName;
  description: string;
  variables: Record<string, unknown>;
  graph: Record<string, unknown>;
}

const ABOUT: Record<GraphExampleName, Omit<GraphExample, 'name' | 'graph'>> = {
  'classify-then-answer': {
    description:
      'An llm node classifies the conversation (structured output), a condition routes to a tool-using llm node or to an answer.',
    variables: { name: 'Ada' },
  },
  'extract-call-summarise': {
    description:
      'An llm node extracts {city}, a tool node calls the weather plugin with it, a streaming llm node summarises.',
    variables: {},
  },
  'map-cities': {
    description:
      'A map calls the weather tool for each of variables.cities (three at a time), then one llm node writes the report.',
    variables: { cities: ['Paris', 'Lyon', 'Nice'] },
  },
};

const EXAMPLES_DIR = new URL('./examples/', import.meta.url);

/** The example's definition, read from its file (a new object each time). */
export function graphExampleDefinition(name: GraphExampleName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES_DIR), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Every example, in GRAPH_EXAMPLE_NAMES order. */
export function graphExamples(): GraphExample[] {
  return GRAPH_EXAMPLE_NAMES.map((name) => ({
    name,
    ...ABOUT[name],
    graph: graphExampleDefinition(name),
  }));
}
