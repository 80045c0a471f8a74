/** A plugin connection refused by the network policy, before any socket was opened. */
export class ForbiddenDestinationError extends Error {
  override readonly name = 'ForbiddenDestinationError';
}
