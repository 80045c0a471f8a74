import { ECHO_MAX_DELAY_MS, echoDelayMs, splitWords } from './echo.workflow.js';

describe('echo helpers', () => {
  it('splits words keeping the white space before each, so chunks join back', () => {
    expect([...splitWords('a b  c')]).toEqual(['a', ' b', '  c']);
    expect([...splitWords('  lead trail ')].join('')).toBe('  lead trail ');
    expect([...splitWords('')]).toEqual([]);
  });

  it('bounds the delay', () => {
    expect(echoDelayMs(undefined)).toBe(0);
    expect(echoDelayMs({ echo_delay_ms: 'x' })).toBe(0);
    expect(echoDelayMs({ echo_delay_ms: -3 })).toBe(0);
    expect(echoDelayMs({ echo_delay_ms: 12.7 })).toBe(12);
    expect(echoDelayMs({ echo_delay_ms: 1e9 })).toBe(ECHO_MAX_DELAY_MS);
  });
});
