import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

export interface DemoEvent {
  type: string;
  seq: number;
  timestamp: number;
  [field: string]: unknown;
}

const paint = (style: Style, text: string) => styleText(style, text);

function compact(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Prints a run's events as they arrive: one line per event, coloured by type, with the
 * assistant's answer flowing inline, and a summary at the end.
 */
export class DemoPrinter {
  private inAnswer = false;
  private inThinking = false;
  private firstTokenAt?: number;

  constructor(private readonly startedAt: number) {}

  print(event: DemoEvent): void {
    if (event.type === 'message_chunk')
      return this.inline('answer', 'assistant ▸ ', String(event.content), 'white');
    if (event.type === 'tool_thinking')
      return this.inline('thinking', 'thinking  ▸ ', String(event.content), 'gray');
    this.endInline();
    const line = this.describe(event);
    if (line) process.stdout.write(`${line}\n`);
  }

  summary(done: DemoEvent | undefined, eventCount: number): void {
    this.endInline();
    if (!done) {
      process.stdout.write(paint('red', 'The stream ended without a done event.\n'));
      return;
    }
    const usage = done.usage as Record<string, number>;
    const ttft =
      this.firstTokenAt === undefined ? 'n/a' : `${this.firstTokenAt - this.startedAt} ms`;
    process.stdout.write(
      `\n${paint('bold', 'Summary')}  finish_reason=${done.finish_reason}  events=${eventCount}  ` +
        `first token after ${ttft}  total ${done.duration_ms} ms\n` +
        `         usage: prompt ${usage.prompt_tokens} + completion ${usage.completion_tokens} = ${usage.total_tokens} tokens\n`,
    );
  }

  private describe(event: DemoEvent): string | undefined {
    const seq = paint('gray', `#${String(event.seq).padStart(3)}`);
    switch (event.type) {
      case 'tool_start':
        return `${seq} ${paint('yellow', '▶ tool_start ')} ${event.tool_name} (${event.tool_type}) ${compact(event.arguments)}`;
      case 'tool_result': {
        const ok = event.status === 'success';
        const outcome = ok ? compact(event.result) : compact(event.error);
        return `${seq} ${paint(ok ? 'green' : 'red', ok ? '✓ tool_result' : '✗ tool_result')} ${event.tool_name} in ${event.duration_ms} ms → ${outcome}`;
      }
      case 'error':
        return `${seq} ${paint('red', '✗ error      ')} ${event.code}: ${event.message} (retryable: ${event.retryable})`;
      case 'done':
        return `${seq} ${paint('cyan', '■ done       ')} ${event.finish_reason}`;
      default:
        return `${seq} ${event.type}`;
    }
  }

  private inline(kind: 'answer' | 'thinking', label: string, text: string, style: Style): void {
    const active = kind === 'answer' ? this.inAnswer : this.inThinking;
    if (!active) {
      this.endInline();
      process.stdout.write(paint('bold', label));
      if (kind === 'answer') this.inAnswer = true;
      else this.inThinking = true;
    }
    if (kind === 'answer') this.firstTokenAt ??= Date.now();
    process.stdout.write(paint(style, text));
  }

  private endInline(): void {
    if (this.inAnswer || this.inThinking) process.stdout.write('\n');
    this.inAnswer = false;
    this.inThinking = false;
  }
}
