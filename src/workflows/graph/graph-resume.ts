import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { schemaErrorsText } from '../../common/json-schema/json-schema.compiler.js';
import type { WorkflowInputDto } from '../../payload/dto/workflow-input.dto.js';
import type { StateValidators } from './graph-compiler.js';
import type { GraphDefinition } from './graph-definition.js';
import type { GraphNodeRegistry } from './graph-node.registry.js';

const STATE_PATH = 'input.graph_state';

/** The paused node named by a graph_state: a top-level node of a type that can pause. */
function nodeIssues(node: string, graph: GraphDefinition, registry: GraphNodeRegistry) {
  const found = graph.nodes.find((candidate) => candidate.id === node);
  if (found && registry.get(found.type)?.resumable) return [];
  return [
    {
      path: `${STATE_PATH}.node`,
      message: `'${node}' is no node of the graph that can pause (an llm or tool node, outside a map)`,
    },
  ];
}

/** Each value of a declared state key, matching its schema (the compiled graph's validators). */
function valueIssues(values: Record<string, unknown>, validators: StateValidators): FieldIssue[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = `${STATE_PATH}.values.${key}`;
    const validate = validators.get(key);
    if (!validate) return [{ path, message: `'${key}' is not a declared state key` }];
    return validate(value) ? [] : [{ path, message: schemaErrorsText(validate, key) }];
  });
}

/** Visits of top-level nodes, each a count. */
function visitIssues(visits: Record<string, unknown>, graph: GraphDefinition): FieldIssue[] {
  const ids = new Set(graph.nodes.map((node) => node.id));
  return Object.entries(visits).flatMap(([id, count]) => {
    const path = `${STATE_PATH}.visits.${id}`;
    if (!ids.has(id)) return [{ path, message: `'${id}' is no node of the graph` }];
    return Number.isInteger(count) && (count as number) >= 0
      ? []
      : [{ path, message: 'must be a whole number of visits' }];
  });
}

/**
 * What is wrong with a graph run's resume (400 invalid_graph): `input.graph_state` and
 * `input.tool_approvals` come together (a graph resumes only where it paused, with the
 * decisions of its pause); the state names a node that can pause, declared keys with values
 * of their schemas, visits of its nodes, and a tail of the conversation that starts with the
 * assistant message its paused node added. Whether the decisions fit the calls is the
 * ApprovalGate's check.
 */
export function graphResumeIssues(
  input: WorkflowInputDto,
  graph: GraphDefinition,
  validators: StateValidators,
  registry: GraphNodeRegistry,
): FieldIssue[] {
  const { graph_state: paused, tool_approvals: approvals, messages } = input;
  if (!paused)
    return approvals
      ? [
          {
            path: STATE_PATH,
            message: 'a graph run resumes with the done.graph_state of its pause',
          },
        ]
      : [];
  if (!approvals)
    return [{ path: STATE_PATH, message: 'a graph run resumes only with its tool_approvals' }];
  // Past the conversation's start, at() is undefined: a too-large count fails the role check.
  const tail = messages.at(-paused.messages);
  return [
    ...nodeIssues(paused.node, graph, registry),
    ...valueIssues(paused.values, validators),
    ...visitIssues(paused.visits, graph),
    ...(tail?.role === 'assistant'
      ? []
      : [
          {
            path: `${STATE_PATH}.messages`,
            message:
              "input.messages must end with the paused run's done.messages, which start with an assistant message",
          },
        ]),
  ];
}
