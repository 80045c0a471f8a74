/**
 * Measuring one system on one case: the load, the server's CPU and peak RSS from /proc, and
 * the metrics of the results table. The 50-token growth shapes are measured in alternating
 * rounds on all systems (`measureInterleaved`), so a slow minute of this shared machine falls
 * on all of them.
 */
import { type BenchCase, WARM_UP_MAX_TOKENS } from './cases.js';
import { runLoad, type Sample } from './load.js';
import { cpuSeconds, RssSampler } from './process-stats.js';
import type { Metrics } from './results.js';
import { percentile, round } from './stats.js';
import type { RunningSystem } from './systems.js';

/** One stretch of load: its streams, how long it took and what it cost the server. */
interface Load {
  samples: Sample[];
  wallMs: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

async function load(system: RunningSystem, body: string, concurrency: number, runs: number) {
  const pid = system.process.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const sampler = new RssSampler(pid);
  const { samples, wallMs } = await runLoad(system.url, body, concurrency, runs);
  const peakRssBytes = sampler.stop();
  return { samples, wallMs, cpuSeconds: cpuSeconds(pid) - cpuBefore, peakRssBytes };
}

function joined(loads: Load[]): Load {
  return {
    samples: loads.flatMap((each) => each.samples),
    wallMs: loads.reduce((sum, each) => sum + each.wallMs, 0),
    cpuSeconds: loads.reduce((sum, each) => sum + each.cpuSeconds, 0),
    peakRssBytes: Math.max(...loads.map((each) => each.peakRssBytes)),
  };
}

/** A few runs of the case before it is measured, unless its answer is long (WARM_UP_MAX_TOKENS). */
async function warmUp(system: RunningSystem, benchCase: BenchCase, body: string, c: number) {
  if (benchCase.tokens > WARM_UP_MAX_TOKENS) return;
  await runLoad(system.url, body, Math.min(c, 8), Math.min(benchCase.runs(c), 16));
}

function metricsOf(system: RunningSystem, benchCase: BenchCase, measured: Load): Metrics {
  const { samples, wallMs } = measured;
  const ok = samples.filter((sample) => sample.ok);
  const problems = samples.filter((sample) => !sample.ok).map((sample) => sample.problem);
  if (problems.length > 0)
    process.stderr.write(`${system.name}: ${problems.length} bad streams, e.g. ${problems[0]}\n`);
  const ttft = ok.map((sample) => sample.ttftMs ?? sample.totalMs);
  const total = ok.map((sample) => sample.totalMs);
  const cpuMsPerRun = (measured.cpuSeconds * 1000) / samples.length;
  return {
    runs: samples.length,
    errors: problems.length,
    ttftP50: round(percentile(ttft, 50)),
    ttftP95: round(percentile(ttft, 95)),
    ttftP99: round(percentile(ttft, 99)),
    totalP50: round(percentile(total, 50)),
    totalP95: round(percentile(total, 95)),
    runsPerSecond: round(samples.length / (wallMs / 1000)),
    peakRssMb: round(measured.peakRssBytes / 1024 / 1024),
    cpuMsPerRun: round(cpuMsPerRun, 2),
    cpuUsPerToken: round((cpuMsPerRun * 1000) / benchCase.tokens, 1),
  };
}

export async function measure(
  system: RunningSystem,
  benchCase: BenchCase,
  body: string,
  concurrency: number,
): Promise<Metrics> {
  await warmUp(system, benchCase, body, concurrency);
  const measured = await load(system, body, concurrency, benchCase.runs(concurrency));
  return metricsOf(system, benchCase, measured);
}

export interface CaseLoad {
  system: RunningSystem;
  benchCase: BenchCase;
  body: string;
}

/**
 * Each case's runs on each system split into `rounds` stretches, run one after another in
 * every round: the growth figures are differences of a few ms per run between these cases,
 * and the targets ratios between the systems, both smaller than the drift of this shared
 * machine between two of its minutes; alternating puts the drift on all of them.
 */
export async function measureInterleaved(
  loads: CaseLoad[],
  concurrency: number,
  rounds: number,
): Promise<Metrics[]> {
  for (const { system, benchCase, body } of loads)
    await warmUp(system, benchCase, body, concurrency);
  const measured = loads.map((): Load[] => []);
  for (let round = 0; round < rounds; round += 1)
    for (const [index, { system, benchCase, body }] of loads.entries()) {
      const runs = Math.ceil(benchCase.runs(concurrency) / rounds);
      measured[index]?.push(await load(system, body, concurrency, runs));
    }
  return loads.map(({ system, benchCase }, index) =>
    metricsOf(system, benchCase, joined(measured[index] ?? [])),
  );
}
