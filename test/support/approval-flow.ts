import { examplePayload } from './agent-payloads.js';
import type { AgentHarness } from './agent-harness.js';
import { postRun, type ReceivedStream } from './sse-client.js';
import { expectWellFormedStream } from './stream-assertions.js';

/** The signing keys of the approval suites: the current one signs, the previous verifies. */
export const APPROVAL_KEY = 'approval-key-0123456789abcdef0123456789';
export const PREVIOUS_APPROVAL_KEY = 'approval-key-previous-0123456789abcdef';
export const APPROVAL_ANSWER = 'It is sunny.';

export const doneOf = (stream: ReceivedStream) => stream.events.at(-1)?.data as Record<string, any>;
export const eventsOf = (stream: ReceivedStream, type: string) =>
  stream.events
    .filter((event) => event.event === type)
    .map((event) => event.data as Record<string, any>);
/** The decision that approves a `tool_approval_required` request as it was asked. */
export const approvalOf = (request: Record<string, any>) => ({
  tool_call_id: request.tool_call_id,
  approval_token: request.approval_token,
  decision: 'approve',
});
export const refusalOf = (stream: ReceivedStream) =>
  (
    stream.json as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    }
  ).error;

/**
 * A run that pauses for approval and its resume, against one harness: the example payload
 * with its weather plugin needing approval beside a native clock (`payload`), run until
 * the pause (`pause`: the stream, its `done`, the payload that resumes it — a graph run's
 * `graph_state` included — and the approval requests), and a
 * resume with decisions (`resumeWith`).
 */
export function approvalFlow(harness: AgentHarness) {
  const payload = (modelName = `tool?text=${encodeURIComponent(APPROVAL_ANSWER)}`) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.tools[0].requires_approval = true;
    body.runtime_config.tools.push({ type: 'NATIVE', name: 'current_time' });
    return body;
  };
  const pause = async (body = payload()) => {
    const stream = await postRun(harness.runUrl, body);
    expectWellFormedStream(stream);
    const done = doneOf(stream);
    expect(done.finish_reason).toBe('approval_required');
    const resume = structuredClone(body);
    resume.input.messages.push(...done.messages);
    // A graph run resumes where it paused (docs/graph-workflows.md#approval).
    if (done.graph_state !== undefined) resume.input.graph_state = done.graph_state;
    return { stream, done, resume, requests: eventsOf(stream, 'tool_approval_required') };
  };
  const resumeWith = (resume: Record<string, any>, approvals: unknown[]) => {
    resume.input.tool_approvals = approvals;
    return postRun(harness.runUrl, resume);
  };
  return { payload, pause, resumeWith };
}
