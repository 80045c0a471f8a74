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
import {
  type BenchCase,
  benchCases,
  GROWTH_CONCURRENCY,
  interleavedRounds,
  payloadFor,
  type Upstreams,
  WARM_UP_MAX_TOKENS,
} from './cases.js';
import { type IdleStreamMemory, idleStreamMemory } from './idle-streams.js';
import { runLoad, runOnce } from './load.js';
import { type CaseLoad, measure, measureInterleaved } from './measure.js';
import { rssBytes, SETTLE_MS } from './process-stats.js';
import { markdownReport } from './report.js';
import {
  type Metrics,
  type Results,
  SYSTEMS,
  type SystemResults,
  type TracingCost,
} from './results.js';
import { judgeTargets } from './targets.js';
import { round } from './stats.js';
import { type RunningSystem, type SystemName, startSystem, startUpstreams } from './systems.js';

const QUICK = process.argv.includes('--quick');
const CASES = benchCases(QUICK);
const IDLE_STREAMS = QUICK ? 200 : 500;

/** The case tracing's cost is measured on: the paced agent run (two model calls, a tool). */
const TRACING_CASE = 'answer-500';
const TRACING_CONCURRENCY = 8;

/** Ours on the tracing case in a fresh process, warmed like the runs of benchSystems. */
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
 * fresh process each: comparing with the long-warmed one of benchSystems would count JIT
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

/** A fresh process of one system, settled, its boot RSS read and one stream checked. */
async function freshSystem(name: SystemName, upstreams: Upstreams) {
  const system = await startSystem(name);
  await sleep(SETTLE_MS);
  const bootRssMb = round(rssBytes(system.process.pid as number) / 1024 / 1024);
  const probe = await runOnce(system.url, payloadFor(CASES[0] as BenchCase, upstreams));
  if (!probe.ok) throw new Error(`${name} answered a malformed stream: ${probe.problem}`);
  return { system, bootRssMb };
}

/**
 * Every case at every concurrency level on the three systems, each a fresh process, all
 * started first: each case is measured on one system after the other (the waiting ones
 * idle), so the ratios the targets judge compare figures taken a minute apart at most,
 * not a quarter of an hour.
 */
async function benchSystems(upstreams: Upstreams): Promise<Results> {
  const results: Results = {};
  const systems: RunningSystem[] = [];
  try {
    for (const name of SYSTEMS) {
      const { system, bootRssMb } = await freshSystem(name, upstreams);
      systems.push(system);
      results[name] = { bootRssMb, cases: {} };
    }
    const record = (system: RunningSystem, key: string, concurrency: number, metrics: Metrics) => {
      ((results[system.name] as SystemResults).cases[key] ??= {})[concurrency] = metrics;
      process.stdout.write(`${system.name} ${key} c=${concurrency}: ${JSON.stringify(metrics)}\n`);
    };
    const together: CaseLoad[] = [];
    for (const benchCase of CASES) {
      const body = payloadFor(benchCase, upstreams);
      for (const concurrency of benchCase.concurrency)
        for (const system of systems) {
          if (benchCase.interleaved && concurrency === GROWTH_CONCURRENCY)
            together.push({ system, benchCase, body });
          else {
            const metrics = await measure(system, benchCase, body, concurrency);
            record(system, benchCase.key, concurrency, metrics);
          }
        }
    }
    const metrics = await measureInterleaved(
      together,
      GROWTH_CONCURRENCY,
      interleavedRounds(QUICK),
    );
    together.forEach(({ system, benchCase }, index) =>
      record(system, benchCase.key, GROWTH_CONCURRENCY, metrics[index] as Metrics),
    );
    return results;
  } finally {
    await Promise.all(systems.map((system) => system.stop()));
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
  let results: Results;
  let idle: IdleStreamMemory;
  let tracing: TracingCost;
  try {
    results = await benchSystems(upstreams);
    idle = await idleStreamMemory(upstreams, IDLE_STREAMS);
    tracing = await tracingCost(upstreams);
  } finally {
    upstreams.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  const targets = judgeTargets(results, idle);
  const markdown = markdownReport(results, CASES, targets, { idleStreams: idle, tracing }, machine);
  mkdirSync('bench/results', { recursive: true });
  const durationS = round((Date.now() - started) / 1000);
  const report = { date: new Date().toISOString(), quick: QUICK, machine, durationS };
  writeFileSync(
    'bench/results/latest.json',
    `${JSON.stringify({ ...report, results, idleStreams: idle, tracing, targets }, null, 2)}\n`,
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
