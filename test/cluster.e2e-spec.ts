import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnService } from './support/child-service.js';
import { freePort, waitForHealthy } from './fixtures/net.js';

function childPids(parent: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error('condition not reached in time');
}

describe('WORKERS>1 (node:cluster)', () => {
  it('forks the workers, replaces one that dies, and drains them all on SIGTERM', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const service = spawnService({ WORKERS: '2', PORT: String(port), LOG_LEVEL: 'ERROR' });
    const primary = service.process.pid as number;
    try {
      await waitForHealthy(baseUrl);
      const workers = await waitFor(() => {
        const pids = childPids(primary);
        return pids.length === 2 ? pids : undefined;
      });
      process.kill(workers[0], 'SIGKILL');
      const replaced = await waitFor(() => {
        const pids = childPids(primary);
        return pids.length === 2 && !pids.includes(workers[0]) ? pids : undefined;
      });
      expect(replaced).toContain(workers[1]);
      await waitForHealthy(baseUrl);
      expect(service.stderr()).toContain('worker died; replacing it');
    } finally {
      service.process.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    expect(childPids(primary)).toEqual([]);
  }, 30_000);
});
