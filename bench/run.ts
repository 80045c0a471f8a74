/**
 * `npm run bench` (`-- --quick` for a short run): the execution plane against the ideal
 * orchestrator (raw HTTP, the physical limit) and a reference LangGraph server, on the same
 * payloads and Node binary, all on 127.0.0.1 (bench/cases.ts lists the shapes). Writes
 * bench/results/latest.json and latest.md, prints whether each target holds, and exits 1 if
 * any stream was malformed.
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchCase, benchCases, idlePayload, payloadFor, type Upstreams } from './cases.js';
import { runLoad, runOnce } from './load.js';
import { cpuSeconds, RssSampler, rssBytes } from './process-stats.js';
import { markdownReport } from './report.js';
import type { Metrics, Results, SystemResults, TracingCost } from './results.js';
import { judgeTargets } from './targets.js';
import { percentile, round } from './stats.js';
import { type RunningSystem, type SystemName, startSystem, startUpstreams } from './systems.js';

const QUICK = process.argv.includes('--quick');
const CASES = benchCases(QUICK);
const IDLE_STREAMS = QUICK ? 200 : 500;
/** Long answers are not worth a warm-up of their own: the short cases before warm the JIT. */
const WARM_UP_MAX_TOKENS = 50;
/** Settle time before reading a process's RSS, so start-up garbage is collected. */
const SETTLE_MS = 1000;

async function measure(
  system: RunningSystem,
  benchCase: BenchCase,
  body: string,
  concurrency: number,
): Promise<Metrics> {
  const runs = benchCase.runs(concurrency);
  if (benchCase.tokens <= WARM_UP_MAX_TOKENS)
    await runLoad(system.url, body, Math.min(concurrency, 8), Math.min(runs, 16));
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
  const cpuMsPerRun = (cpu * 1000) / samples.length;
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
    cpuMsPerRun: round(cpuMsPerRun, 2),
    cpuUsPerToken: round((cpuMsPerRun * 1000) / benchCase.tokens, 1),
  };
}

/**
 * RSS with N streams waiting on a silent model, minus RSS idle, per stream, on a fresh
 * process after a short warm-up: a process that already ran the load has heap to spare,
 * which would hide what the streams cost.
 */
async function idleStreamKib(upstreams: Upstreams): Promise<number> {
  const system = await startSystem('ours');
  try {
    await runLoad(system.url, payloadFor(CASES[0] as BenchCase, upstreams), 4, 16);
    return await openIdleStreams(system, idlePayload(upstreams));
  } finally {
    await system.stop();
  }
}

async function openIdleStreams(system: RunningSystem, body: string): Promise<number> {
  await sleep(SETTLE_MS);
  const idle = rssBytes(system.process.pid as number);
  const controllers = Array.from({ length: IDLE_STREAMS }, () => new AbortController());
  const streams = controllers.map((controller) =>
    fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
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
  await sleep(SETTLE_MS);
  const open = rssBytes(system.process.pid as number);
  for (const controller of controllers) controller.abort();
  return round((open - idle) / IDLE_STREAMS / 1024);
}

/** The case tracing's cost is measured on: the paced agent run (two model calls, a tool). */
const TRACING_CASE = 'answer-500';
const TRACING_CONCURRENCY = 8;

/** Ours on the tracing case in a fresh process, warmed like the runs of benchSystem. */
async function tracingRun(upstreams: Upstreams, env: Record<string, string>): Promise<Metrics> {
  const benchCase = CASES.find((candidate) => candidate.key === TRACING_CASE) as BenchCase;
  const system = await startSystem('ours', [], env);
  try {
    await sleep(SETTLE_MS);
    for (const warmUp of CASES.filter((candidate) => candidate.tokens <= WARM_UP_MAX_TOKENS))
      await runLoad(system.url, payloadFor(warmUp, upstreams), TRACING_CONCURRENCY, 32);
    return await measure(system, benchCase, payloadFor(benchCase, upstreams), TRACING_CONCURRENCY);
  } finally {
    await system.stop();
  }
}

/**
 * Tracing's cost: two fresh processes of ours warmed alike, one without an endpoint (the
 * API's no-op tracer) and one exporting every span over OTLP/HTTP to the upstreams' sink. A
 * fresh process each: comparing with the long-warmed one of benchSystem would count JIT
 * warm-up as tracing.
 */
async function tracingCost(upstreams: Upstreams): Promise<TracingCost> {
  const off = await tracingRun(upstreams, {});
  const on = await tracingRun(upstreams, {
    OTEL_EXPORTER_OTLP_ENDPOINT: upstreams.otlpOrigin,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });
  process.stdout.write(
    `ours tracing ${TRACING_CASE} c=${TRACING_CONCURRENCY}: off ${JSON.stringify(off)} on ${JSON.stringify(on)}\n`,
  );
  return { caseKey: TRACING_CASE, concurrency: TRACING_CONCURRENCY, off, on };
}

/** Every case at every concurrency level on one system, from a fresh process. */
async function benchSystem(name: SystemName, upstreams: Upstreams): Promise<SystemResults> {
  const system = await startSystem(name);
  try {
    await sleep(SETTLE_MS);
    const bootRssMb = round(rssBytes(system.process.pid as number) / 1024 / 1024);
    const probe = await runOnce(system.url, payloadFor(CASES[0] as BenchCase, upstreams));
    if (!probe.ok) throw new Error(`${name} answered a malformed stream: ${probe.problem}`);
    const cases: SystemResults['cases'] = {};
    for (const benchCase of CASES) {
      const body = payloadFor(benchCase, upstreams);
      cases[benchCase.key] = {};
      for (const concurrency of benchCase.concurrency) {
        const metrics = await measure(system, benchCase, body, concurrency);
        (cases[benchCase.key] as Record<number, Metrics>)[concurrency] = metrics;
        process.stdout.write(
          `${name} ${benchCase.key} c=${concurrency}: ${JSON.stringify(metrics)}\n`,
        );
      }
    }
    return { bootRssMb, cases };
  } finally {
    await system.stop();
  }
}

function malformedStreams(results: Results): number {
  return Object.values(results)
    .flatMap((system) => Object.values(system.cases))
    .flatMap((levels) => Object.values(levels))
    .reduce((sum, metrics) => sum + metrics.errors, 0);
}

async function main(): Promise<void> {
  const started = Date.now();
  const upstreams = await startUpstreams();
  const results: Results = {};
  let idle: number;
  let tracing: TracingCost;
  try {
    for (const name of ['ours', 'ideal', 'reference'] as SystemName[])
      results[name] = await benchSystem(name, upstreams);
    idle = await idleStreamKib(upstreams);
    tracing = await tracingCost(upstreams);
  } finally {
    upstreams.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  const targets = judgeTargets(results, idle);
  const markdown = markdownReport(
    results,
    CASES,
    targets,
    { idleStreamKib: idle, tracing },
    machine,
  );
  mkdirSync('bench/results', { recursive: true });
  const durationS = round((Date.now() - started) / 1000);
  const report = { date: new Date().toISOString(), quick: QUICK, machine, durationS };
  writeFileSync(
    'bench/results/latest.json',
    `${JSON.stringify({ ...report, results, idleStreamKib: idle, tracing, targets }, null, 2)}\n`,
  );
  writeFileSync('bench/results/latest.md', markdown);
  process.stdout.write(
    `\n${markdown}\nfinished in ${durationS} s; wrote bench/results/latest.json and latest.md\n`,
  );
  const malformed = malformedStreams(results);
  if (malformed > 0) {
    process.stderr.write(`${malformed} malformed streams: the benchmark fails\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
