/** The model endpoint sent nothing for MODEL_TIMEOUT_SECONDS (before or during the stream). */
export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`the model endpoint was silent for ${timeoutMs} ms`);
  }
}
