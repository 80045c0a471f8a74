/**
 * `npm run bench` (`-- --quick` for a short run): the execution plane against the ideal
 * orchestrator (raw HTTP, the physical limit) and a reference LangGraph server, on the same
 * payload and Node binary, all on 127.0.0.1. Writes bench/results/latest.json and latest.md,
 * prints whether each target holds, and exits 1 if any stream was malformed.
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';
import { runLoad, runOnce } from './load.js';
import { cpuSeconds, RssSampler, rssBytes } from './process-stats.js';
import { judgeTargets, type Metrics, markdownReport, type Results, type Shape } from './report.js';
import { percentile, round } from './stats.js';
import { type RunningSystem, type SystemName, startSystem, startUpstreams } from './systems.js';

const QUICK = process.argv.includes('--quick');
const CONCURRENCY = QUICK ? [1, 32] : [1, 8, 32, 128];
/** Bounded request counts per concurrency level (runs, not seconds). */
const RUNS: Record<Shape, (concurrency: number) => number> = {
  unpaced: (c) => (QUICK ? Math.max(40, c * 4) : Math.max(150, c * 12)),
  paced: (c) => (QUICK ? Math.max(8, c * 2) : Math.max(20, c * 4)),
};
const SHAPES: Record<Shape, string> = {
  unpaced: 'tool?tokens=50&chunks=50',
  paced: 'tool?tokens=50&chunks=50&ttft_ms=100&delay_ms=10',
};
const IDLE_STREAMS = QUICK ? 200 : 500;

function payloadFor(
  shape: Shape,
  upstreams: { modelBaseUrl: string; pluginOrigin: string },
): string {
  const payload = structuredClone(ORIGINAL_EXAMPLE_PAYLOAD);
  payload.runtime_config.model.base_url = upstreams.modelBaseUrl;
  payload.runtime_config.model.model_name = SHAPES[shape];
  payload.runtime_config.tools[0].execution_config.url = `${upstreams.pluginOrigin}/v1/query`;
  return JSON.stringify(payload);
}

async function measure(
  system: RunningSystem,
  body: string,
  concurrency: number,
  runs: number,
): Promise<Metrics> {
  await runLoad(system.url, body, Math.min(concurrency, 8), Math.min(runs, 16)); // warm-up
  const pid = system.process.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const sampler = new RssSampler(pid);
  const { samples, wallMs } = await runLoad(system.url, body, concurrency, runs);
  const peak = sampler.stop();
  const cpu = cpuSeconds(pid) - cpuBefore;
  const ok = samples.filter((sample) => sample.ok);
  const problems = samples.filter((sample) => !sample.ok).map((sample) => sample.problem);
  if (problems.length > 0)
    process.stderr.write(`${system.name}: ${problems.length} bad streams, e.g. ${problems[0]}\n`);
  const ttft = ok.map((sample) => sample.ttftMs ?? sample.totalMs);
  const total = ok.map((sample) => sample.totalMs);
  return {
    runs: samples.length,
    errors: problems.length,
    ttftP50: round(percentile(ttft, 50)),
    ttftP95: round(percentile(ttft, 95)),
    ttftP99: round(percentile(ttft, 99)),
    totalP50: round(percentile(total, 50)),
    totalP95: round(percentile(total, 95)),
    runsPerSecond: round(samples.length / (wallMs / 1000)),
    peakRssMb: round(peak / 1024 / 1024),
    cpuMsPerRun: round((cpu * 1000) / samples.length, 2),
  };
}

type Upstreams = { modelBaseUrl: string; pluginOrigin: string };

/**
 * RSS with N streams waiting on a silent model, minus RSS idle, per stream, on a fresh
 * process after a short warm-up: a process that already ran the load has heap to spare,
 * which would hide what the streams cost.
 */
async function idleStreamKib(upstreams: Upstreams): Promise<number> {
  const system = await startSystem('ours');
  try {
    await runLoad(system.url, payloadFor('unpaced', upstreams), 4, 16);
    return await openIdleStreams(system, upstreams);
  } finally {
    await system.stop();
  }
}

async function openIdleStreams(system: RunningSystem, upstreams: Upstreams): Promise<number> {
  const payload = JSON.parse(payloadFor('paced', upstreams));
  payload.runtime_config.model.model_name = 'text?ttft_ms=600000';
  payload.runtime_config.tools = [];
  await sleep(1000);
  const idle = rssBytes(system.process.pid as number);
  const controllers = Array.from({ length: IDLE_STREAMS }, () => new AbortController());
  const streams = controllers.map((controller) =>
    fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: controller.signal,
    }).catch(() => undefined),
  );
  await Promise.all(streams);
  for (;;) {
    const health = (await (await fetch(`${system.origin}/health`)).json()) as {
      active_runs: number;
    };
    if (health.active_runs >= IDLE_STREAMS) break;
    await sleep(100);
  }
  await sleep(1000);
  const open = rssBytes(system.process.pid as number);
  for (const controller of controllers) controller.abort();
  return round((open - idle) / IDLE_STREAMS / 1024);
}

async function main(): Promise<void> {
  const started = Date.now();
  const upstreams = await startUpstreams();
  const results: Results = {};
  let idleKib: number | undefined;
  let malformed = 0;
  try {
    for (const name of ['ours', 'ideal', 'reference'] as SystemName[]) {
      const system = await startSystem(name);
      results[name] = { unpaced: {}, paced: {} };
      try {
        const probe = await runOnce(system.url, payloadFor('unpaced', upstreams));
        if (!probe.ok) throw new Error(`${name} answered a malformed stream: ${probe.problem}`);
        for (const shape of ['unpaced', 'paced'] as Shape[]) {
          for (const concurrency of CONCURRENCY) {
            const metrics = await measure(
              system,
              payloadFor(shape, upstreams),
              concurrency,
              RUNS[shape](concurrency),
            );
            results[name][shape][concurrency] = metrics;
            malformed += metrics.errors;
            process.stdout.write(`${name} ${shape} c=${concurrency}: ${JSON.stringify(metrics)}\n`);
          }
        }
      } finally {
        await system.stop();
      }
    }
    idleKib = await idleStreamKib(upstreams);
  } finally {
    upstreams.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  const idle = idleKib ?? Number.NaN;
  const targets = judgeTargets(results, idle);
  const markdown = markdownReport(results, targets, idle, machine);
  mkdirSync('bench/results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    quick: QUICK,
    machine,
    durationS: round((Date.now() - started) / 1000),
    results,
    idleStreamKib: idle,
    targets,
  };
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', markdown);
  process.stdout.write(
    `\n${markdown}\nfinished in ${report.durationS} s; wrote bench/results/latest.json and latest.md\n`,
  );
  if (malformed > 0) {
    process.stderr.write(`${malformed} malformed streams: the benchmark fails\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
