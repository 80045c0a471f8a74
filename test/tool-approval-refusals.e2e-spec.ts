import { signApproval } from '../src/approval/approval-token.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import {
  APPROVAL_KEY,
  approvalFlow,
  eventsOf,
  PREVIOUS_APPROVAL_KEY,
  refusalOf,
} from './support/approval-flow.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp } from './support/test-app.js';

const KEY = APPROVAL_KEY;
const OLD_KEY = PREVIOUS_APPROVAL_KEY;

describe('human approval of tool calls (issue 18): what a resume may not do', () => {
  let harness: AgentHarness;
  let flow: ReturnType<typeof approvalFlow>;

  beforeAll(async () => {
    harness = await startAgentHarness({ env: { APPROVAL_SIGNING_KEYS: `${KEY},${OLD_KEY}` } });
    flow = approvalFlow(harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  describe('refused before the stream: 400 invalid_approval, no tool request', () => {
    /** A resume of a fresh pause, changed by `change`; its refusal. */
    async function refusal(
      change: (resume: Record<string, any>, approval: Record<string, any>) => unknown[] | void,
    ) {
      const { resume, requests } = await flow.pause();
      const approval = {
        tool_call_id: requests[0].tool_call_id,
        approval_token: requests[0].approval_token,
        decision: 'approve',
      };
      const approvals = change(resume, approval) ?? [approval];
      harness.resetRecordings();
      const stream = await flow.resumeWith(resume, approvals);
      expect(stream.status).toBe(400);
      expect(harness.plugin.requests).toHaveLength(0);
      expect(harness.model.requests).toHaveLength(0);
      const error = refusalOf(stream);
      expect(error.code).toBe('invalid_approval');
      expect(JSON.stringify(error)).not.toContain(approval.approval_token.split('.')[3]);
      return error.details;
    }

    it('a forged token', async () => {
      const details = await refusal((_resume, approval) => {
        const mac = approval.approval_token.split('.')[3];
        approval.approval_token = approval.approval_token.replace(
          mac,
          `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
        );
      });
      expect(details).toEqual([
        {
          path: 'input.tool_approvals[0].approval_token',
          message: expect.stringContaining('does not approve this call'),
        },
      ]);
    });

    it('arguments changed in the conversation', async () => {
      const details = await refusal((resume) => {
        resume.input.messages.at(-1).tool_calls[0].function.arguments = '{"city":"Berlin"}';
      });
      expect(details[0].path).toBe('input.tool_approvals[0].approval_token');
    });

    it('an expired token (signed by this service, past its expiry)', async () => {
      const details = await refusal((resume, approval) => {
        const call = resume.input.messages.at(-1).tool_calls[0];
        approval.approval_token = signApproval(KEY, {
          runId: approval.approval_token.split('.')[1],
          toolCallId: call.id,
          toolName: 'weather',
          arguments: JSON.parse(call.function.arguments),
          expiresAtSeconds: Math.floor(Date.now() / 1000) - 1,
        });
      });
      expect(details).toEqual([
        {
          path: 'input.tool_approvals[0].approval_token',
          message: expect.stringContaining('expired'),
        },
      ]);
    });

    it('a replayed approval: the second use of a token', async () => {
      const { resume, requests } = await flow.pause();
      const approvals = [
        {
          tool_call_id: requests[0].tool_call_id,
          approval_token: requests[0].approval_token,
          decision: 'approve',
        },
      ];
      expectWellFormedStream(await flow.resumeWith(structuredClone(resume), approvals));
      harness.resetRecordings();
      const replay = await flow.resumeWith(resume, approvals);
      expect(replay.status).toBe(400);
      expect(refusalOf(replay).details).toEqual([
        { path: 'input.tool_approvals', message: 'an approval of this resume was used before' },
      ]);
      expect(harness.plugin.requests).toHaveLength(0);
    });

    it('a missing decision, and one for a call not in the conversation', async () => {
      const missing = await refusal(() => []);
      expect(missing).toEqual([
        {
          path: 'input.tool_approvals',
          message: expect.stringMatching(/^call .+ waits for a decision$/),
        },
      ]);
      const unknown = await refusal((_resume, approval) => {
        approval.tool_call_id = 'call_not_made';
      });
      expect(unknown.map((detail) => detail.path)).toEqual([
        'input.tool_approvals[0].tool_call_id',
        'input.tool_approvals',
      ]);
    });

    it('more decisions than MAX_TOOL_APPROVALS (128)', async () => {
      const { resume } = await flow.pause();
      const approval = { tool_call_id: 'c', approval_token: 'ap1.x', decision: 'approve' };
      const stream = await flow.resumeWith(
        resume,
        Array.from({ length: 129 }, () => approval),
      );
      expect(stream.status).toBe(400);
      expect(refusalOf(stream).details.map((detail) => detail.path)).toEqual([
        'input.tool_approvals',
      ]);
    });

    it('edited arguments against the tool schema, a decision twice', async () => {
      const edited = await refusal((_resume, approval) => [
        { ...approval, decision: 'edit', arguments: { city: 42 } },
      ]);
      expect(edited).toEqual([
        {
          path: 'input.tool_approvals[0].arguments',
          message: expect.stringContaining('must be string'),
        },
      ]);
      const twice = await refusal((_resume, approval) => [approval, approval]);
      expect(twice).toEqual([
        { path: 'input.tool_approvals[1].tool_call_id', message: 'this call is decided twice' },
      ]);
    });
  });

  it('verifies a token the previous key signed (rotation), and no other key', async () => {
    const body = flow.payload();
    const call = {
      id: 'call_rotated',
      type: 'function',
      function: { name: 'weather', arguments: '{"city":"Paris"}' },
    };
    body.input.messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    const token = (key: string) =>
      signApproval(key, {
        runId: '7d5c9f1e-4b1a-4c36-9d2e-2b1f0c7a9e11',
        toolCallId: call.id,
        toolName: 'weather',
        arguments: { city: 'Paris' },
        expiresAtSeconds: Math.floor(Date.now() / 1000) + 600,
      });
    const foreign = await flow.resumeWith(structuredClone(body), [
      {
        tool_call_id: call.id,
        approval_token: token('some-other-key-0123456789abcdef0123'),
        decision: 'approve',
      },
    ]);
    expect(foreign.status).toBe(400);
    const rotated = await flow.resumeWith(body, [
      { tool_call_id: call.id, approval_token: token(OLD_KEY), decision: 'approve' },
    ]);
    expectWellFormedStream(rotated);
    expect(eventsOf(rotated, 'tool_result')).toMatchObject([
      { tool_name: 'weather', status: 'success' },
    ]);
  });

  it('spends no token on a resume refused as busy (429): the same approvals work after', async () => {
    const busy = await startAgentHarness({
      env: { APPROVAL_SIGNING_KEYS: KEY, MAX_CONCURRENT_RUNS: '1' },
    });
    try {
      const busyFlow = approvalFlow(busy);
      const { resume, requests } = await busyFlow.pause();
      const approvals = [
        {
          tool_call_id: requests[0].tool_call_id,
          approval_token: requests[0].approval_token,
          decision: 'approve',
        },
      ];
      // The one run this instance takes, still streaming while the resume comes.
      const slow = busyFlow.payload('text?tokens=100&delay_ms=20');
      let occupying: Promise<unknown> | undefined;
      await new Promise<void>((started) => {
        occupying = postRun(busy.runUrl, slow, { onEvent: () => started() });
      });
      const refused = await busyFlow.resumeWith(structuredClone(resume), approvals);
      expect(refused.status).toBe(429);
      await occupying;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const resumed = await busyFlow.resumeWith(resume, approvals);
      expectWellFormedStream(resumed);
      expect(eventsOf(resumed, 'tool_result')).toMatchObject([
        { tool_name: 'weather', status: 'success' },
      ]);
    } finally {
      await busy.close();
    }
  });

  it('without APPROVAL_SIGNING_KEYS, a payload that asks for approval is refused', async () => {
    const app = await startTestApp();
    try {
      const stream = await postRun(`${app.baseUrl}/v1/run_workflow`, flow.payload());
      expect(stream.status).toBe(400);
      expect(refusalOf(stream)).toMatchObject({
        code: 'invalid_payload',
        message: 'Tool approval needs APPROVAL_SIGNING_KEYS to be set on the execution plane',
      });
    } finally {
      await app.close();
    }
  });
});
