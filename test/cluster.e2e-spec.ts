import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnService } from './support/child-service.js';
import { freePort, waitForHealthy } from './fixtures/net.js';
import { TEST_REDIS_URL } from './support/redis.js';

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

/** How long two booting workers may take to answer /health. */
const BOOT_TIMEOUT_MS = 20_000;

describe('WORKERS>1 (node:cluster)', () => {
  it('forks the workers, replaces one that dies, and drains them all on SIGTERM', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const service = spawnService({
      WORKERS: '2',
      PORT: String(port),
      LOG_LEVEL: 'ERROR',
      REDIS_URL: TEST_REDIS_URL,
    });
    const primary = service.process.pid as number;
    try {
      // Two workers boot at once on a machine the other suites keep busy: more than the default.
      await waitForHealthy(baseUrl, BOOT_TIMEOUT_MS);
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
      await waitForHealthy(baseUrl, BOOT_TIMEOUT_MS);
      expect(service.stderr()).toContain('worker died; replacing it');
    } finally {
      service.process.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    expect(childPids(primary)).toEqual([]);
  }, 30_000);

  it('refuses to start without REDIS_URL: resume and cancel must reach every worker', async () => {
    const service = spawnService({ WORKERS: '2', PORT: String(await freePort()), REDIS_URL: '' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('WORKERS > 1 needs REDIS_URL');
  });
});
