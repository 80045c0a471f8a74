import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK_DIR = join(tmpdir(), 'execution-plane-tests.machine-lock');

function holderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
  } catch {
    return true; // taken a moment ago, its pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The machine to this suite alone among those that take it: suites that load the CPU on
 * purpose and suites that time a refusal must not run side by side in Jest's workers. A lock
 * whose holder died is taken over. Resolves with the release.
 */
export async function takeMachine(): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      if (!holderAlive()) rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(200);
    }
  }
}
