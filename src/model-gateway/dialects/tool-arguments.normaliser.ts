/**
 * Tool-call arguments as deltas, whatever the provider sends: most stream each fragment once,
 * some resend everything so far in each chunk. A fragment that starts with all that arrived
 * for its call is such a resend; only its new tail counts.
 */
export class ToolArgumentsNormaliser {
  private readonly received = new Map<number, string>();

  /** The new part of `args` for the tool call at `index` of this stream. */
  delta(index: number, args: string): string {
    const before = this.received.get(index) ?? '';
    const delta = before && args.startsWith(before) ? args.slice(before.length) : args;
    this.received.set(index, before + delta);
    return delta;
  }
}
