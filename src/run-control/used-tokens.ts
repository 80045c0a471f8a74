/**
 * Port: tokens a client may spend once (tool-call approval tokens), remembered until they
 * expire so a replayed one is refused from wherever it lands. Adapters: this process's
 * memory, or Redis with the run store.
 */
export abstract class UsedTokens {
  /**
   * Marks every key used until `untilMs` (ms since the epoch), all or none: false when any
   * was used before (then none is marked). Throws a RequestError when it cannot tell.
   */
  abstract useOnce(keys: readonly string[], untilMs: number): Promise<boolean>;
}
