import cluster, { type Worker } from 'node:cluster';

/** How long a crash loop waits before the next fork, so a broken build does not spin. */
const RESPAWN_DELAY_MS = 1_000;

/**
 * WORKERS>1: the primary forks that many workers sharing the port (node:cluster), replaces a
 * worker that dies, and on SIGTERM/SIGINT forwards the signal and exits once all are gone.
 */
export function runClusterPrimary(workers: number): void {
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  for (let index = 0; index < workers; index += 1) fork();

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(
      `${JSON.stringify({ level: 'error', msg: 'worker died; replacing it', pid: worker.process.pid, code, signal })}\n`,
    );
    setTimeout(fork, RESPAWN_DELAY_MS).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
