import type { Decision } from './approval-panel.js';
import { type GraphExample, loadGraphExamples, withGraphExample } from './graph-examples.js';
import { readAsDataUrl, withImage } from './image-attachment.js';
import { RunView } from './run-view.js';
import { RequestFailure, streamRequest } from './sse-stream.js';

/** A dropped stream is resumed (GET /v1/runs/{id}/events, Last-Event-ID) this many times. */
const RESUME_ATTEMPTS = 3;
const RESUME_DELAY_MS = 1_000;
/** After Stop, how long the page waits for the run's own `done` before it hangs up. */
const STOP_WAIT_MS = 2_000;

interface ActiveRun {
  controller: AbortController;
  runId?: string;
  lastSeq: number;
  done: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editor holds whatever JSON is typed
type Payload = Record<string, any>;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('run-form');
const baseUrl = byId<HTMLInputElement>('base-url');
const modelName = byId<HTMLInputElement>('model-name');
const apiKey = byId<HTMLInputElement>('api-key');
const serviceToken = byId<HTMLInputElement>('service-token');
const workflow = byId<HTMLSelectElement>('workflow');
const graphExample = byId<HTMLSelectElement>('graph-example');
const editor = byId<HTMLTextAreaElement>('payload');
const payloadErrors = byId<HTMLUListElement>('payload-errors');
const runButton = byId<HTMLButtonElement>('run');
const stopButton = byId<HTMLButtonElement>('stop');
const attachImage = byId<HTMLInputElement>('attach-image');
const attachment = byId<HTMLParagraphElement>('attachment');
const view = new RunView((decisions) => void resume(decisions));
const params = new URLSearchParams(location.search);
let active: ActiveRun | undefined;
/** The payload of the last run, for a resume of it. */
let lastPayload: Payload | undefined;
let graphExamples: GraphExample[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const authHeaders = (): Record<string, string> =>
  serviceToken.value ? { authorization: `Bearer ${serviceToken.value}` } : {};

function showPayloadErrors(lines: string[]): void {
  payloadErrors.replaceChildren(
    ...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })),
  );
  editor.setAttribute('aria-invalid', String(lines.length > 0));
}

/** Workflows and native tools from GET /. */
async function loadServiceInfo(): Promise<void> {
  const info = byId<HTMLParagraphElement>('service-info');
  const response = await fetch('/', { headers: authHeaders() });
  if (!response.ok) {
    info.textContent =
      response.status === 401
        ? 'Enter the service token, then reload.'
        : `GET / answered ${response.status}`;
    return;
  }
  const service = (await response.json()) as Payload;
  info.textContent = `${service.service} ${service.version} · protocol ${service.protocol_version}`;
  const chosen = workflow.value || 'agent_chat';
  workflow.replaceChildren(
    ...(service.workflows as Payload[]).map(
      (entry) =>
        new Option(`${entry.id} — ${entry.description}`, entry.id, false, entry.id === chosen),
    ),
  );
  const tools = (service.native_tools as Payload[]).map((tool) => tool.name).join(', ');
  byId('native-tools').textContent = `Native tools: ${tools || 'none'}`;
}

/** The original example payload, with the page's preselection (?base_url, ?model_name, ?plugin_url). */
async function loadExample(): Promise<void> {
  const example = (await (await fetch('/playground/example-payload.json')).json()) as Payload;
  const pluginUrl = params.get('plugin_url');
  if (pluginUrl) example.runtime_config.tools[0].execution_config.url = pluginUrl;
  delete example.runtime_config.model.api_key; // the API key field holds it, in memory only
  baseUrl.value = params.get('base_url') ?? example.runtime_config.model.base_url;
  modelName.value = params.get('model_name') ?? example.runtime_config.model.model_name;
  editor.value = JSON.stringify(example, null, 2);
  showPayloadErrors([]);
}

/** Puts the chosen graph example into the editor's payload and picks the graph workflow. */
function useGraphExample(): void {
  const example = graphExamples.find((candidate) => candidate.name === graphExample.value);
  if (!example) return;
  let payload: Payload;
  try {
    payload = JSON.parse(editor.value) as Payload;
  } catch {
    showPayloadErrors(['Fix the payload JSON before loading a graph example']);
    return;
  }
  workflow.value = 'graph';
  editor.value = JSON.stringify(withGraphExample(payload, example), null, 2);
  showPayloadErrors([]);
}

/** The editor's payload with the model fields applied, or undefined (errors shown). */
function payloadToSend(): Payload | undefined {
  let payload: Payload;
  try {
    payload = JSON.parse(editor.value) as Payload;
  } catch (error) {
    showPayloadErrors([`Not valid JSON: ${(error as Error).message}`]);
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    showPayloadErrors(['The payload must be a JSON object']);
    return undefined;
  }
  showPayloadErrors([]);
  payload.task_meta = { ...payload.task_meta, workflow_id: workflow.value };
  const model = {
    ...payload.runtime_config?.model,
    base_url: baseUrl.value,
    model_name: modelName.value,
  };
  if (apiKey.value) model.api_key = apiKey.value;
  payload.runtime_config = { ...payload.runtime_config, model };
  return payload;
}

async function follow(run: ActiveRun, url: string, init: RequestInit): Promise<void> {
  await streamRequest(
    url,
    { ...init, signal: run.controller.signal },
    {
      onOpen: (response) => {
        run.runId ??= response.headers.get('x-run-id') ?? undefined;
        view.setStatus(`Running ${run.runId ?? ''}…`);
      },
      onFrame: (frame) => {
        if (frame.data.seq <= run.lastSeq) return;
        run.lastSeq = frame.data.seq;
        run.done ||= frame.data.type === 'done';
        view.render(frame);
      },
    },
  );
}

/** Streams the run; a stream that drops before `done` is resumed after the last event seen. */
async function streamWithResume(run: ActiveRun, payload: Payload): Promise<void> {
  let url = '/v1/run_workflow';
  let init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
    body: JSON.stringify(payload),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await follow(run, url, init);
    } catch (error) {
      if (run.controller.signal.aborted) return;
      if (error instanceof RequestFailure && (attempt === 0 || error.status === 404)) throw error;
    }
    if (run.done || run.controller.signal.aborted || !run.runId || attempt >= RESUME_ATTEMPTS)
      return;
    view.setStatus(`Connection lost; resuming after event #${run.lastSeq}…`);
    await sleep(RESUME_DELAY_MS);
    url = `/v1/runs/${run.runId}/events`;
    init = { headers: { 'last-event-id': String(run.lastSeq), ...authHeaders() } };
  }
}

function showFailure(error: unknown): void {
  if (!(error instanceof RequestFailure)) {
    view.showError(`The request failed: ${(error as Error).message}`);
    return;
  }
  const details = error.body.error?.details ?? [];
  const lines = details.map((detail) => `${detail.path}: ${detail.message}`);
  view.showError(`HTTP ${error.status} ${error.body.error?.code ?? ''}: ${error.message}`, lines);
  showPayloadErrors(lines);
}

/** Streams `payload` as the page's run; `fresh` clears the panel, a resume goes on in it. */
async function start(payload: Payload, fresh: boolean): Promise<void> {
  if (active) return;
  const current: ActiveRun = { controller: new AbortController(), lastSeq: 0, done: false };
  active = current;
  lastPayload = payload;
  runButton.disabled = true;
  stopButton.disabled = false;
  if (fresh) view.reset();
  view.setStatus('Starting…');
  try {
    await streamWithResume(current, payload);
    view.setStatus(
      view.lastDone?.finish_reason === 'approval_required'
        ? 'Waiting for your decision on the calls above.'
        : current.done
          ? 'Done.'
          : current.controller.signal.aborted
            ? 'Stopped.'
            : 'The stream ended early.',
    );
  } catch (error) {
    view.setStatus('Failed.');
    showFailure(error);
  } finally {
    active = undefined;
    runButton.disabled = false;
    stopButton.disabled = true;
  }
}

async function run(event: Event): Promise<void> {
  event.preventDefault();
  const payload = payloadToSend();
  if (payload) await start(payload, true);
}

/**
 * Resumes the paused run (docs/human-in-the-loop.md): the same payload, its conversation
 * followed by the messages the run handed back in `done`, and the decisions.
 */
async function resume(decisions: Decision[]): Promise<void> {
  const messages = view.lastDone?.messages as Payload[] | undefined;
  if (!lastPayload || !messages) return;
  const payload = structuredClone(lastPayload);
  payload.input = {
    ...payload.input,
    messages: [...payload.input.messages, ...messages],
    tool_approvals: decisions,
    // A graph run resumes at the node that paused (docs/graph-workflows.md#approval).
    ...(view.lastDone?.graph_state !== undefined && { graph_state: view.lastDone.graph_state }),
  };
  view.continueWith(`— resumed with ${decisions.length} decision(s) —`);
  await start(payload, false);
}

/** Cancels the run on the service (its stream then ends with done cancelled), then hangs up. */
async function stop(): Promise<void> {
  const current = active;
  if (!current) return;
  stopButton.disabled = true;
  view.setStatus('Stopping…');
  if (current.runId) {
    await fetch(`/v1/runs/${current.runId}/cancel`, {
      method: 'POST',
      headers: authHeaders(),
    }).catch(() => undefined);
    const deadline = Date.now() + STOP_WAIT_MS;
    while (!current.done && Date.now() < deadline) await sleep(50);
  }
  current.controller.abort();
}

/** Puts the chosen image into the editor's payload, where the person sees what is sent. */
async function attach(): Promise<void> {
  const file = attachImage.files?.[0];
  attachImage.value = '';
  if (!file) return;
  let payload: Payload | undefined;
  try {
    payload = JSON.parse(editor.value) as Payload;
  } catch {
    showPayloadErrors(['Fix the payload JSON before attaching an image']);
    return;
  }
  const updated = withImage(payload, await readAsDataUrl(file));
  if (!updated) {
    showPayloadErrors(['The payload has no user message to attach the image to']);
    return;
  }
  editor.value = JSON.stringify(updated, null, 2);
  attachment.textContent = `Attached ${file.name} (${Math.ceil(file.size / 1024)} KiB).`;
  showPayloadErrors([]);
}

form.addEventListener('submit', (event) => void run(event));
attachImage.addEventListener('change', () => void attach());
stopButton.addEventListener('click', () => void stop());
byId('reset').addEventListener('click', () => void loadExample());
editor.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});
graphExample.addEventListener('change', useGraphExample);
const loadMenus = async () => {
  await loadServiceInfo();
  graphExamples = await loadGraphExamples(graphExample, authHeaders());
};
serviceToken.addEventListener('change', () => void loadMenus());
void Promise.all([loadMenus(), loadExample()]);
