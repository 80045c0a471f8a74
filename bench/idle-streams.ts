/**
 * Memory per idle open stream: RSS of a fresh, warmed-up instance of ours with N streams
 * waiting on a silent model, minus its settled RSS before them, per stream. Read twice: a second
 * after the last stream opened (the garbage of opening them included) and once settled, after
 * V8's memory reducer has run (it collects and gives pages back a few seconds after
 * allocation stops): an idle stream is one that stays open, so that is what it costs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchCase, benchCases, idlePayload, payloadFor, type Upstreams } from './cases.js';
import { runLoad } from './load.js';
import { rssBytes, SETTLE_MS } from './process-stats.js';
import { round } from './stats.js';
import { type RunningSystem, startSystem } from './systems.js';

export interface IdleStreamMemory {
  streams: number;
  /** KiB per stream a second after the last one opened. */
  openingKib: number;
  /** KiB per stream once the process settled (IDLE_SETTLED_MS). */
  settledKib: number;
}

/** Well past the memory reducer's first run (RSS dropped between 3 and 6 s on this machine). */
const IDLE_SETTLED_MS = 12_000;

async function allOpen(system: RunningSystem, streams: number): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${system.origin}/health`)).json()) as {
      active_runs: number;
    };
    if (health.active_runs >= streams) return;
    await sleep(100);
  }
}

async function openIdleStreams(system: RunningSystem, body: string, streams: number) {
  const pid = system.process.pid as number;
  // The warm-up's garbage is collected by the same reducer: settle before the baseline too.
  await sleep(IDLE_SETTLED_MS);
  const idle = rssBytes(pid);
  const perStreamKib = () => round((rssBytes(pid) - idle) / streams / 1024);
  const controllers = Array.from({ length: streams }, () => new AbortController());
  const opened = controllers.map((controller) =>
    fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: controller.signal,
    }).catch(() => undefined),
  );
  await Promise.all(opened);
  await allOpen(system, streams);
  await sleep(SETTLE_MS);
  const openingKib = perStreamKib();
  await sleep(IDLE_SETTLED_MS - SETTLE_MS);
  const settledKib = perStreamKib();
  for (const controller of controllers) controller.abort();
  return { streams, openingKib, settledKib };
}

export async function idleStreamMemory(
  upstreams: Upstreams,
  streams: number,
): Promise<IdleStreamMemory> {
  const system = await startSystem('ours');
  try {
    const warmUp = payloadFor(benchCases(true)[0] as BenchCase, upstreams);
    await runLoad(system.url, warmUp, 4, 16);
    return await openIdleStreams(system, idlePayload(upstreams), streams);
  } finally {
    await system.stop();
  }
}
