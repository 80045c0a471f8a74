import { jest } from '@jest/globals';
import { DisconnectPolicy } from './disconnect-policy.js';

describe('DisconnectPolicy', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('cancels at once when the last reader leaves and there is no grace', () => {
    const cancel = jest.fn();
    const policy = new DisconnectPolicy(0, 'cancel', cancel);
    policy.readersChanged(1);
    expect(cancel).not.toHaveBeenCalled();
    policy.readersChanged(0);
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('waits the grace period, and a reader that re-attaches in time keeps the run', () => {
    const cancel = jest.fn();
    const policy = new DisconnectPolicy(5_000, 'cancel', cancel);
    policy.readersChanged(0);
    jest.advanceTimersByTime(4_000);
    policy.readersChanged(1);
    jest.advanceTimersByTime(10_000);
    expect(cancel).not.toHaveBeenCalled();
    policy.readersChanged(0);
    jest.advanceTimersByTime(5_000);
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('never cancels a run that asked to continue, and dispose stops a pending grace', () => {
    const cancel = jest.fn();
    new DisconnectPolicy(0, 'continue', cancel).readersChanged(0);
    const waiting = new DisconnectPolicy(1_000, 'cancel', cancel);
    waiting.readersChanged(0);
    waiting.dispose();
    jest.advanceTimersByTime(5_000);
    expect(cancel).not.toHaveBeenCalled();
  });
});
