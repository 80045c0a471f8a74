import { ApprovalPanel, type Decision } from './approval-panel.js';
import type { StreamFrame } from './sse-stream.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className) created.className = className;
  return created;
}

const pretty = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/**
 * The run panel: answer, folded reasoning, a card per tool call, the event timeline and the
 * done summary. Everything is written as text (never HTML): events carry model output.
 */
export class RunView {
  private readonly answer = byId<HTMLDivElement>('answer');
  private readonly reasoning = byId<HTMLDetailsElement>('reasoning');
  private readonly reasoningText = byId<HTMLPreElement>('reasoning-text');
  private readonly cards = byId<HTMLDivElement>('tool-cards');
  private readonly timeline = byId<HTMLOListElement>('timeline');
  private readonly summary = byId<HTMLDListElement>('done-summary');
  private readonly status = byId<HTMLParagraphElement>('run-status');
  private readonly error = byId<HTMLDivElement>('run-error');
  private startedAt = 0;
  private readonly approvals: ApprovalPanel;
  /** The last run's `done`, when it came. */
  lastDone?: StreamFrame['data'];

  /** `onDecided`: every call a run paused at has a decision (the page resumes the run). */
  constructor(onDecided: (decisions: Decision[]) => void) {
    this.approvals = new ApprovalPanel(onDecided);
  }

  /** A resumed run goes on in the same panel: its events follow the first run's. */
  continueWith(label: string): void {
    this.approvals.reset();
    this.lastDone = undefined;
    this.summary.replaceChildren();
    this.summary.hidden = true;
    this.timeline.append(element('li', label, 'timeline-divider'));
  }

  reset(): void {
    this.approvals.reset();
    this.lastDone = undefined;
    this.answer.textContent = '';
    this.reasoningText.textContent = '';
    this.reasoning.hidden = true;
    this.reasoning.open = false;
    this.cards.replaceChildren();
    this.timeline.replaceChildren();
    this.summary.replaceChildren();
    this.summary.hidden = true;
    this.showError(undefined);
    this.startedAt = performance.now();
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** An error message with optional field lines (400 details, stream `error` frames). */
  showError(message: string | undefined, lines: string[] = []): void {
    this.error.replaceChildren();
    this.error.hidden = message === undefined;
    if (message === undefined) return;
    this.error.append(element('p', message));
    if (lines.length > 0) {
      const list = element('ul');
      for (const line of lines) list.append(element('li', line));
      this.error.append(list);
    }
  }

  render(frame: StreamFrame): void {
    const { data } = frame;
    const since = Math.round(performance.now() - this.startedAt);
    // A step names its node: the timeline then reads as the graph's path.
    const node =
      data.type === 'step_start' || data.type === 'step_end' ? ` ${String(data.node)}` : '';
    this.timeline.append(element('li', `#${data.seq} ${data.type}${node} +${since} ms`));
    this.timeline.scrollTop = this.timeline.scrollHeight;
    switch (data.type) {
      case 'message_chunk':
        this.answer.textContent += String(data.content);
        break;
      case 'tool_thinking':
        this.reasoning.hidden = false;
        this.reasoningText.textContent += String(data.content);
        break;
      case 'tool_start':
        this.cards.append(this.toolCard(data));
        break;
      case 'tool_result':
        this.finishToolCard(data);
        break;
      case 'tool_approval_required':
        this.cards.append(this.waitingCard(data));
        break;
      case 'error':
        this.showError(`${String(data.message)} (${String(data.code)})`);
        break;
      case 'done':
        this.lastDone = data;
        this.showSummary(data);
        break;
    }
  }

  private toolCard(data: StreamFrame['data']): HTMLElement {
    const card = element('article', undefined, 'tool-card');
    card.dataset.toolCallId = String(data.tool_call_id);
    card.dataset.status = 'running';
    card.setAttribute('aria-label', `Tool ${String(data.tool_name)}`);
    card.append(
      element('h4', `${String(data.tool_name)} (${String(data.tool_type)})`),
      element('p', 'running…', 'tool-status'),
      element('p', 'Arguments', 'muted'),
      element('pre', pretty(data.arguments), 'tool-arguments'),
    );
    return card;
  }

  /** A call that waits for a person: its card with Approve / Edit / Deny. */
  private waitingCard(data: StreamFrame['data']): HTMLElement {
    const card = this.toolCard(data);
    card.dataset.status = 'waiting';
    (card.querySelector('.tool-status') as HTMLElement).textContent = 'waits for approval';
    this.approvals.add(
      card,
      String(data.tool_call_id),
      String(data.approval_token),
      data.arguments,
    );
    return card;
  }

  private finishToolCard(data: StreamFrame['data']): void {
    // The last card of the call: a resumed call has its waiting card above.
    const card = [...this.cards.querySelectorAll<HTMLElement>('.tool-card')].findLast(
      (candidate) => candidate.dataset.toolCallId === String(data.tool_call_id),
    );
    if (!card) return;
    card.dataset.status = String(data.status);
    const status = card.querySelector('.tool-status') as HTMLElement;
    status.textContent = `${String(data.status)} in ${String(data.duration_ms)} ms`;
    const error = data.error as { code: string; message: string } | undefined;
    const shown =
      data.status === 'error' && error ? `${error.code}: ${error.message}` : pretty(data.result);
    card.append(element('p', 'Result', 'muted'), element('pre', shown, 'tool-result'));
  }

  private showSummary(data: StreamFrame['data']): void {
    const usage = data.usage as Record<string, number> & { estimated?: boolean };
    const total = Math.round(performance.now() - this.startedAt);
    const rows: [string, string][] = [
      ['finish_reason', String(data.finish_reason)],
      ['prompt tokens', String(usage.prompt_tokens)],
      ['completion tokens', String(usage.completion_tokens)],
      ['total tokens', `${usage.total_tokens}${usage.estimated ? ' (estimated)' : ''}`],
      ...spendRows(data),
      ['run duration', `${String(data.duration_ms)} ms`],
      ['total time', `${total} ms`],
    ];
    for (const [term, value] of rows)
      this.summary.append(element('dt', term), element('dd', value));
    this.summary.hidden = false;
  }
}

/** What `done` says beyond the usage, when it says it: cost, models, the parsed output. */
function spendRows(data: StreamFrame['data']): [string, string][] {
  const rows: [string, string][] = [];
  const cost = data.cost as { total: number; currency: string } | undefined;
  if (cost) rows.push(['cost', `${cost.total} ${cost.currency}`]);
  if (data.model) rows.push(['model', String(data.model)]);
  const tried = data.models_tried as { model: string; code: string }[] | undefined;
  if (tried)
    rows.push(['models tried', tried.map((entry) => `${entry.model}: ${entry.code}`).join(', ')]);
  if (data.output !== undefined) rows.push(['output', pretty(data.output)]);
  return rows;
}
