import type { OnDisconnect } from '../payload/dto/on-disconnect.js';

/**
 * One run's answer to its readers coming and going. With no reader left it cancels the run at
 * once (grace 0, PROTOCOL.md invariant 5), after DISCONNECT_GRACE_SECONDS unless a reader
 * re-attaches, or never (`continue`: the run timeout still bounds it).
 */
export class DisconnectPolicy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly onDisconnect: OnDisconnect,
    private readonly cancel: () => void,
  ) {}

  readersChanged(count: number): void {
    if (count > 0) return this.stopWaiting();
    if (this.onDisconnect === 'continue') return;
    if (this.graceMs === 0) return this.cancel();
    this.timer ??= setTimeout(this.cancel, this.graceMs);
  }

  dispose(): void {
    this.stopWaiting();
  }

  private stopWaiting(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
