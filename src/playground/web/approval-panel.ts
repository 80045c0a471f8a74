/** One decision on a call that waited, as `input.tool_approvals` takes it. */
export interface Decision {
  tool_call_id: string;
  approval_token: string;
  decision: 'approve' | 'deny' | 'edit';
  arguments?: Record<string, unknown>;
  reason?: string;
}

const DECIDED: Record<Decision['decision'], string> = {
  approve: 'approved',
  deny: 'denied',
  edit: 'edited',
};

interface WaitingCall {
  token: string;
  card: HTMLElement;
}

function control<K extends 'button' | 'textarea' | 'input'>(tag: K, label: string) {
  const created = document.createElement(tag);
  if (tag === 'button') created.textContent = label;
  else created.setAttribute('aria-label', label);
  return created;
}

/**
 * The Approve / Edit / Deny controls of the calls a run paused at
 * (`tool_approval_required`): once every waiting call of the run has a decision,
 * `onAllDecided` gets them, and the page resumes the run with them.
 */
export class ApprovalPanel {
  private readonly waiting = new Map<string, WaitingCall>();
  private readonly decisions = new Map<string, Decision>();

  constructor(private readonly onAllDecided: (decisions: Decision[]) => void) {}

  reset(): void {
    this.waiting.clear();
    this.decisions.clear();
  }

  /** Adds the controls to a waiting call's card: its arguments editable, a reason to deny. */
  add(card: HTMLElement, toolCallId: string, token: string, args: unknown): void {
    this.waiting.set(toolCallId, { token, card });
    const editor = control('textarea', 'Arguments to run the call with');
    editor.className = 'approval-arguments';
    editor.value = JSON.stringify(args, null, 2);
    const reason = control('input', 'Reason for a denial');
    reason.placeholder = 'Reason (for Deny)';
    const actions = document.createElement('div');
    actions.className = 'actions';
    const buttons = (['Approve', 'Edit', 'Deny'] as const).map((label) => control('button', label));
    buttons.forEach((button) => (button.type = 'button'));
    const [approve, edit, deny] = buttons;
    approve.addEventListener('click', () => this.decide(toolCallId, { decision: 'approve' }));
    deny.addEventListener('click', () =>
      this.decide(toolCallId, { decision: 'deny', ...(reason.value && { reason: reason.value }) }),
    );
    edit.addEventListener('click', () => {
      try {
        this.decide(toolCallId, { decision: 'edit', arguments: JSON.parse(editor.value) });
        editor.removeAttribute('aria-invalid');
      } catch {
        editor.setAttribute('aria-invalid', 'true');
      }
    });
    actions.append(...buttons);
    card.append(editor, reason, actions);
  }

  private decide(toolCallId: string, choice: Omit<Decision, 'tool_call_id' | 'approval_token'>) {
    const call = this.waiting.get(toolCallId);
    if (!call || this.decisions.has(toolCallId)) return;
    this.decisions.set(toolCallId, {
      tool_call_id: toolCallId,
      approval_token: call.token,
      ...choice,
    });
    call.card.dataset.status = choice.decision === 'deny' ? 'error' : 'success';
    for (const button of call.card.querySelectorAll('button')) button.disabled = true;
    const status = call.card.querySelector('.tool-status');
    if (status)
      status.textContent = `${DECIDED[choice.decision]}; resumes once every call is decided`;
    if (this.decisions.size === this.waiting.size) this.onAllDecided([...this.decisions.values()]);
  }
}
