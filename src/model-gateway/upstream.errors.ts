/**
 * What a model endpoint reported, in the shape translateModelError reads (`status`, the
 * error body as `error`, its `code`). Messages are fixed: upstream text can quote api keys
 * or user content, so it stays in `error`, which only the masked log sees.
 */

type ErrorBody = Record<string, unknown>;

function codeOf(body: ErrorBody | undefined): string | undefined {
  return typeof body?.code === 'string' ? body.code : undefined;
}

/** The endpoint answered with an HTTP error status (after the retries it was worth). */
export class ModelStatusError extends Error {
  override readonly name = 'ModelStatusError';
  readonly code?: string;

  constructor(
    readonly status: number,
    /** `error` of the JSON body, the body itself when it has none, or undefined (not JSON). */
    readonly error: ErrorBody | undefined,
  ) {
    super(`the model endpoint answered HTTP ${status}`);
    this.code = codeOf(error);
  }
}

/** The endpoint sent an error inside a 200 stream (`{"error": …}` or `event: error`). */
export class ModelStreamError extends Error {
  override readonly name = 'ModelStreamError';
  readonly code?: string;

  constructor(readonly error: ErrorBody) {
    super('the model endpoint reported an error mid-stream');
    this.code = codeOf(error);
  }
}
