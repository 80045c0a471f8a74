/** How deep `cause` chains are followed: SDKs wrap a few times, never more. */
const MAX_CAUSE_DEPTH = 5;

/** An error and the errors it wraps (`cause`), outermost first. */
export function errorCauses(error: unknown): object[] {
  const chain: object[] = [];
  for (
    let current = error;
    current && typeof current === 'object' && chain.length < MAX_CAUSE_DEPTH;
  ) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}
