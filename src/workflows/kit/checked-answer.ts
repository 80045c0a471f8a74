import { type AIMessageChunk, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { RunError } from '../../common/errors/execution-plane.error.js';
import type { OutputCheck } from './output-check.js';

/** Validation errors an `invalid_output` error lists; the rest are counted. */
export const MAX_OUTPUT_ERRORS_LISTED = 10;

const hasToolCalls = (message: AIMessageChunk) => (message.tool_calls?.length ?? 0) > 0;
const textOf = (message: AIMessageChunk) =>
  typeof message.content === 'string' ? message.content : '';

function invalidOutput(errors: string[]): RunError {
  const listed = errors.slice(0, MAX_OUTPUT_ERRORS_LISTED).join('; ');
  const more = errors.length - MAX_OUTPUT_ERRORS_LISTED;
  return new RunError(
    'invalid_output',
    `The answer does not match its response_format: ${listed}${more > 0 ? ` (and ${more} more)` : ''}`,
    false,
  );
}

/** What the model is told when its answer was off the format: the errors first. */
function repairRequest(errors: string[]): HumanMessage {
  return new HumanMessage(
    `Your answer does not match the required JSON format:\n- ${errors.join('\n- ')}\n` +
      'Answer again with only the corrected JSON.',
  );
}

/** A final answer and what came of checking it: the messages to add, the parsed output. */
export interface CheckedAnswer {
  /** The answer, then each repair request and its new answer. */
  messages: BaseMessage[];
  last: AIMessageChunk;
  /** Set when the last answer passed the check. */
  output?: { value: unknown };
}

/**
 * Checks a final answer (one without tool calls) against the run's JSON format: a valid one
 * gives its parsed output; an invalid one goes back to the model (`turn`: one more streamed
 * call over these messages) with the errors, up to `attempts` times
 * (runtime_config.output_repair_attempts); then `invalid_output`. An answer that calls tools
 * instead is left to the loop.
 */
export async function checkedAnswer(
  answer: AIMessageChunk,
  history: BaseMessage[],
  check: { output: OutputCheck; attempts: number },
  turn: (messages: BaseMessage[]) => Promise<AIMessageChunk>,
): Promise<CheckedAnswer> {
  const messages: BaseMessage[] = [answer];
  let last = answer;
  for (let repairs = 0; !hasToolCalls(last); repairs += 1) {
    const verdict = check.output(textOf(last));
    if (verdict.valid) return { messages, last, output: { value: verdict.output } };
    if (repairs >= check.attempts) throw invalidOutput(verdict.errors);
    const request = repairRequest(verdict.forModel);
    last = await turn([...history, ...messages, request]);
    messages.push(request, last);
  }
  return { messages, last };
}
