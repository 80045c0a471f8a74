/**
 * An error a model endpoint reports inside a stream that began with 200: a chunk
 * `{"error": {…}}` (OpenAI, OpenRouter: `code` a number or a string, Google-style gateways:
 * `status` "RESOURCE_EXHAUSTED"), possibly beside `choices`, or an `event: error` line.
 * readCompletion throws it as a ModelStreamError, the body in `error`.
 */
export interface StreamErrorBody {
  code?: unknown;
  type?: unknown;
  status?: unknown;
  message?: unknown;
}

/** What the body says, in the terms HTTP statuses are mapped by. */
export type StreamErrorKind =
  | { status: number }
  | { kind: 'context' | 'auth' | 'rate_limit' | 'timeout' | 'rejected' | 'server' };

const CONTEXT_LENGTH = /context.?length|maximum context|context window|too many tokens/i;
/** Checked in this order: the first that matches the body's code, type and status wins. */
const KINDS: [RegExp, Exclude<StreamErrorKind, { status: number }>['kind']][] = [
  [/auth|api.?key|unauthori[sz]ed|unauthenticated|permission|forbidden/i, 'auth'],
  [/rate.?limit|too.?many.?requests|resource.?exhausted|quota|throttl/i, 'rate_limit'],
  [/time.?out|timed.?out|deadline/i, 'timeout'],
  [/invalid|bad.?request|unsupported|not.?supported/i, 'rejected'],
];

function statusIn(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && number >= 400 && number < 600 ? number : undefined;
}

/**
 * Classifies an in-stream error body. A numeric `status` or `code` is read as the HTTP
 * status it names; otherwise the words of `code`, `type` and `status` decide, then those of
 * the message; what says nothing we know is a server-side failure (the endpoint did fail
 * mid-answer). The message only classifies: it is never passed on.
 */
export function classifyStreamError(body: StreamErrorBody): StreamErrorKind {
  const words = [body.code, body.type, body.status].filter((v) => typeof v === 'string');
  const message = typeof body.message === 'string' ? body.message : '';
  if (words.includes('context_length_exceeded') || CONTEXT_LENGTH.test(message))
    return { kind: 'context' };
  const status = statusIn(body.status) ?? statusIn(body.code);
  if (status !== undefined) return { status };
  const matching = (text: string) => KINDS.find(([pattern]) => pattern.test(text))?.[1];
  return { kind: matching(words.join(' ')) ?? matching(message) ?? 'server' };
}
