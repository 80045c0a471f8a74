import type { BaseMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { RunChatModel } from '../../model-gateway/chat-model.provider.js';

/** A JSON schema the answer must follow, named as OpenAI's `json_schema` format wants. */
export interface AnswerFormat {
  name: string;
  schema: Record<string, unknown>;
}

/**
 * One model call whose answer is a JSON value of `format` (OpenAI structured outputs,
 * `response_format: {type: "json_schema"}`), for a node that decides something (a route, a
 * plan) rather than talks: nothing of it reaches the client. It resolves to the parsed answer,
 * or undefined when it is not JSON: not every OpenAI-compatible server honours the format,
 * so callers validate it and have a fallback.
 */
export async function structuredTurn(
  model: RunChatModel,
  messages: BaseMessage[],
  config: LangGraphRunnableConfig,
  format: AnswerFormat,
): Promise<unknown> {
  const whole = await model.streamTurn(
    messages,
    {
      signal: config.signal,
      response_format: { type: 'json_schema', json_schema: { ...format, strict: true } },
    },
    () => undefined,
  );
  try {
    return JSON.parse(typeof whole.content === 'string' ? whole.content : '') as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A structuredTurn whose answer is one of `choices`, as `{"<name>": "<choice>"}`; undefined
 * when the model answered anything else.
 */
export async function chooseOne<Choice extends string>(
  model: RunChatModel,
  messages: BaseMessage[],
  config: LangGraphRunnableConfig,
  { name, choices }: { name: string; choices: readonly Choice[] },
): Promise<Choice | undefined> {
  const schema = {
    type: 'object',
    properties: { [name]: { type: 'string', enum: choices } },
    required: [name],
    additionalProperties: false,
  };
  const value = await structuredTurn(model, messages, config, { name, schema });
  const answer = (value as Record<string, unknown> | undefined)?.[name];
  return choices.find((choice) => choice === answer);
}
