import { approves, readApprovalToken, signApproval } from './approval-token.js';

const KEY = 'k'.repeat(32);
const CALL = {
  runId: '7d5c9f1e-4b1a-4c36-9d2e-2b1f0c7a9e11',
  toolCallId: 'call_1',
  toolName: 'weather',
  arguments: { city: 'Paris', days: 2 },
  expiresAtSeconds: 2_000_000_000,
};

describe('approval tokens', () => {
  const token = readApprovalToken(signApproval(KEY, CALL));

  it('approve exactly the call they were signed for, whatever its key order', () => {
    expect(token).toBeDefined();
    const call = {
      toolCallId: 'call_1',
      toolName: 'weather',
      arguments: { days: 2, city: 'Paris' },
    };
    expect(approves([KEY], token!, call)).toBe(true);
    expect(approves([KEY], token!, { ...call, arguments: { city: 'Lyon', days: 2 } })).toBe(false);
    expect(approves([KEY], token!, { ...call, toolName: 'other' })).toBe(false);
    expect(approves([KEY], token!, { ...call, toolCallId: 'call_2' })).toBe(false);
    expect(approves(['x'.repeat(32), KEY], token!, call)).toBe(true);
    expect(approves(['x'.repeat(32)], token!, call)).toBe(false);
  });

  it('cover the run and the expiry: changing either breaks the MAC', () => {
    const text = signApproval(KEY, CALL);
    const call = { toolCallId: 'call_1', toolName: 'weather', arguments: CALL.arguments };
    const later = readApprovalToken(text.replace('.2000000000.', '.2000000001.'));
    expect(approves([KEY], later!, call)).toBe(false);
    const otherRun = readApprovalToken(text.replace(CALL.runId, 'f'.repeat(36)));
    expect(approves([KEY], otherRun!, call)).toBe(false);
  });

  it('read only their own shape', () => {
    for (const malformed of [
      '',
      'ap1',
      'ap2.a.1.x',
      `${signApproval(KEY, CALL)}.extra`,
      'ap1.a.b.c',
    ])
      expect(readApprovalToken(malformed)).toBeUndefined();
  });
});
