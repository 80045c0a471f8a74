/**
 * The V8 inspector of a child process started with `--inspect=127.0.0.1:0`, spoken to over
 * its WebSocket (Chrome DevTools Protocol): to collect garbage and read the heap afterwards,
 * which no metric of the process itself can give (heapUsed includes whatever is not yet
 * collected).
 */
export class ChildInspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  /** Connects to the inspector whose address the child printed on stderr. */
  static async connect(stderr: () => string, timeoutMs = 10_000): Promise<ChildInspector> {
    const deadline = Date.now() + timeoutMs;
    let url: string | undefined;
    while (!(url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(stderr())?.[0])) {
      if (Date.now() > deadline) throw new Error('the child printed no inspector address');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', reject, { once: true });
    });
    return new ChildInspector(socket);
  }

  /** Heap in use right after a full garbage collection, in bytes. */
  async heapAfterGcBytes(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const { result } = (await this.call('Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    })) as { result: { value: number } };
    return result.value;
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    const answered = new Promise((resolve) => this.pending.set(id, resolve));
    this.socket.send(JSON.stringify({ id, method, params }));
    return answered;
  }
}
