import {
  AIMessage,
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import {
  compileSchema,
  type JsonSchema,
} from '../../../common/json-schema/json-schema.compiler.js';
import { workflowsConfig } from '../../../config/workflows.config.js';
import { checkedAnswer } from '../checked-answer.js';
import { streamModelTurn } from '../model-turn.js';
import { finishReasonOf } from '../model-node.js';
import { type OutputCheck, outputCheckOf } from '../output-check.js';
import type { ResponseFormatDto } from '../../../payload/dto/response-format.dto.js';
import { type ParsedTemplate, parseTemplate, templateIssues } from '../template.js';
import { answerToolCalls, wantsTools } from '../tool-node.js';
import {
  GRAPH_APPROVAL_IN_MAP,
  GraphNodeKind,
  GraphNodeType,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeResult,
  type NodeRun,
  type NodeVisit,
} from './graph-node.js';
import { renderIn } from './node-templates.js';

interface LlmNode extends NodeDefinition {
  system?: string;
  prompt?: string;
  history?: boolean;
  tools?: string[];
  schema?: JsonSchema;
  into?: string;
  stream?: boolean;
}

/** The name OpenAI's `json_schema` format gives a node's schema. */
const SCHEMA_NAME = 'output';

const textOf = (message: AIMessageChunk) =>
  typeof message.content === 'string' ? message.content : '';

/** What one llm node sends and how it reads the answer, built once per compiled graph. */
interface LlmPlan {
  node: LlmNode;
  system?: ParsedTemplate;
  prompt?: ParsedTemplate;
  responseFormat?: Record<string, unknown>;
  check?: OutputCheck;
}

/**
 * Calls the run's model with a prompt (system and user templates, and the conversation with
 * `history`), its `tools` in a loop (model → tools → model, up to MAX_ITERATIONS model calls),
 * and writes the answer into `into`: the text, or
 * with `schema` the JSON it must match (sent as OpenAI's json_schema response_format, checked
 * and repaired up to output_repair_attempts). With `stream: true` its text reaches the client.
 * A call of a tool that requires approval pauses the run there, as in agent_chat.
 */
@GraphNodeType('llm')
@Injectable()
export class LlmNodeKind extends GraphNodeKind<LlmNode> {
  override readonly resumable = true;
  readonly fields = {
    description:
      'Calls the model with `system` / `prompt` (templates) and the conversation (`history`), its `tools` in a loop, writing the answer (text, or JSON of `schema`) into `into`; `stream` sends its text to the client.',
    properties: {
      system: { type: 'string', description: 'The system message (a template).' },
      prompt: {
        type: 'string',
        description: 'A user message after the conversation (a template).',
      },
      history: {
        type: 'boolean',
        default: false,
        description: 'Send the conversation (input.messages).',
      },
      tools: {
        type: 'array',
        items: { type: 'string' },
        uniqueItems: true,
        description: 'Names of runtime_config.tools the model may call.',
      },
      schema: {
        type: 'object',
        description: 'A JSON Schema the answer must match; it is parsed into `into`.',
      },
      into: { type: 'string', description: 'The state key that receives the answer.' },
      stream: {
        type: 'boolean',
        default: false,
        description: 'Stream the answer as message_chunk events.',
      },
    },
  };

  constructor(
    @Inject(workflowsConfig.KEY) private readonly limits: ConfigType<typeof workflowsConfig>,
  ) {
    super();
  }

  writes(node: LlmNode) {
    return node.into === undefined ? [] : [{ field: 'into', key: node.into }];
  }

  issues(node: LlmNode, scope: NodeCheckScope): FieldIssue[] {
    const at = (field: string, message: string) => ({ path: `${scope.path}.${field}`, message });
    const issues = [
      ...(node.system === undefined
        ? []
        : templateIssues(node.system, `${scope.path}.system`, scope)),
      ...(node.prompt === undefined
        ? []
        : templateIssues(node.prompt, `${scope.path}.prompt`, scope)),
    ];
    if (node.prompt === undefined && node.history !== true)
      issues.push(at('prompt', 'an llm node needs a prompt, history: true, or both'));
    (node.tools ?? []).forEach((name, index) => {
      const tool = scope.tools.get(name);
      if (!tool) issues.push(at(`tools[${index}]`, `no tool '${name}' in runtime_config.tools`));
      else if (tool.requiresApproval && scope.inMap)
        issues.push(at(`tools[${index}]`, GRAPH_APPROVAL_IN_MAP));
    });
    if (node.schema !== undefined) issues.push(...schemaIssues(node.schema, at));
    if (node.stream === true && node.schema !== undefined)
      issues.push(at('stream', 'an answer of a schema goes into state as JSON; it cannot stream'));
    if (node.stream === true && scope.inMap)
      issues.push(at('stream', "a map's items run in parallel; their text cannot stream"));
    return issues;
  }

  build(node: LlmNode): NodeRun {
    const plan: LlmPlan = {
      node,
      system: node.system === undefined ? undefined : parseTemplate(node.system),
      prompt: node.prompt === undefined ? undefined : parseTemplate(node.prompt),
    };
    if (node.schema) {
      const format = {
        type: 'json_schema',
        json_schema: { name: SCHEMA_NAME, schema: node.schema },
      };
      plan.responseFormat = format;
      plan.check = outputCheckOf(format as ResponseFormatDto);
    }
    return (visit) => this.visit(plan, visit);
  }

  /**
   * The tool loop: model turn, its calls answered, again, until an answer without calls. A
   * call that needs approval pauses the visit (its messages go back as `done.messages`); a
   * resumed visit starts from those, answering the decided calls first.
   */
  private async visit(plan: LlmPlan, visit: NodeVisit): Promise<NodeResult> {
    const { node } = plan;
    const { runtime, config } = visit;
    const model = runtime.modelWith(node.tools ?? []);
    const opening = openingOf(plan, visit, visit.messages);
    const turn = (messages: BaseMessage[]) =>
      streamModelTurn(model, messages, config, {
        quiet: node.stream !== true,
        streamToolArguments: node.stream === true && runtime.streamToolArguments,
        responseFormat: plan.responseFormat,
      });
    const added: BaseMessage[] = [...(visit.resumed ?? [])];
    const known = added.length;
    let answering = visit.resumed !== undefined;
    for (let calls = added.filter((message) => AIMessage.isInstance(message)).length; ;) {
      if (!answering) {
        if (calls >= this.limits.maxIterations) return { finishReason: 'max_iterations' };
        calls += 1;
        const answer = await turn([...opening, ...added]);
        added.push(answer);
        if (!wantsTools({ messages: [answer] })) break;
      }
      answering = false;
      const answered = await answerToolCalls([...opening, ...added], config);
      added.push(...answered.messages);
      if (answered.paused) return { finishReason: 'approval_required', added: added.slice(known) };
    }
    return this.answered(plan, visit, opening, added, turn);
  }

  /** The final answer into state (checked against the schema), and how the model finished. */
  private async answered(
    plan: LlmPlan,
    visit: NodeVisit,
    opening: BaseMessage[],
    added: BaseMessage[],
    turn: (messages: BaseMessage[]) => Promise<AIMessageChunk>,
  ): Promise<NodeResult> {
    const answer = added.at(-1) as AIMessageChunk;
    let value: unknown = textOf(answer);
    let last = answer;
    if (plan.check) {
      const attempts = visit.runtime.context.payload.runtime_config.output_repair_attempts ?? 0;
      const history = [...opening, ...added.slice(0, -1)];
      const checked = await checkedAnswer(answer, history, { output: plan.check, attempts }, turn);
      value = checked.output?.value;
      last = checked.last;
    }
    const { node } = plan;
    return {
      ...(node.into !== undefined && { values: { [node.into]: value } }),
      // Only a streamed answer is the client's: its length or filter is the run's.
      ...(node.stream === true && {
        finishReason: finishReasonOf(last.response_metadata?.finish_reason),
      }),
    };
  }
}

/** The prompt before the turn: the system message, the conversation with `history`, the prompt. */
function openingOf(
  plan: LlmPlan,
  visit: NodeVisit,
  history: readonly BaseMessage[],
): BaseMessage[] {
  return [
    ...(plan.system ? [new SystemMessage(renderIn(visit, plan.system))] : []),
    ...(plan.node.history === true ? history : []),
    ...(plan.prompt ? [new HumanMessage(renderIn(visit, plan.prompt))] : []),
  ];
}

function schemaIssues(
  schema: JsonSchema,
  at: (field: string, message: string) => FieldIssue,
): FieldIssue[] {
  try {
    compileSchema(schema);
    return [];
  } catch (error) {
    return [at('schema', `not a valid JSON Schema: ${(error as Error).message}`)];
  }
}
