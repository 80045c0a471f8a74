import { type BenchCase, TOOLS_MIDDLE, TOOLS_MOST } from './cases.js';
import type { IdleStreamMemory } from './idle-streams.js';
import { growthOf, type Metrics, type Results, SYSTEMS, type TracingCost } from './results.js';
import { round } from './stats.js';
import type { Target } from './targets.js';

const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? `${round(a / b, 2)}×` : '–';

function caseLabel(benchCase: BenchCase): string {
  const pace = benchCase.paced ? 'paced' : 'unpaced';
  return `${benchCase.key} (${pace}, ${benchCase.tokens} tok, ${benchCase.history} msg, ${benchCase.tools} tools)`;
}

function metricsRow(label: string, c: number, system: string, m: Metrics): string {
  return `| ${label} | ${c} | ${system} | ${m.ttftP50} / ${m.ttftP95} / ${m.ttftP99} | ${m.totalP50} / ${m.totalP95} | ${m.runsPerSecond} | ${m.errors} | ${m.peakRssMb} | ${m.cpuMsPerRun} | ${m.cpuUsPerToken} |`;
}

function ratioRow(label: string, c: number, results: Results, key: string): string {
  const [ours, ideal, reference] = SYSTEMS.map((system) => results[system]?.cases[key]?.[c]);
  return `| ${label} | ${c} | **ratios** | ours/ideal ${ratio(ours?.ttftP50, ideal?.ttftP50)} p50 | ours/ideal ${ratio(ours?.totalP50, ideal?.totalP50)} | ours/ref ${ratio(ours?.runsPerSecond, reference?.runsPerSecond)} | | ours/ref ${ratio(ours?.peakRssMb, reference?.peakRssMb)} | ours/ref ${ratio(ours?.cpuMsPerRun, reference?.cpuMsPerRun)} | ours/ideal ${ratio(ours?.cpuUsPerToken, ideal?.cpuUsPerToken)} |`;
}

function metricsTable(results: Results, cases: BenchCase[]): string[] {
  const lines = [
    '| case | c | system | TTFT p50 / p95 / p99 ms | total p50 / p95 ms | runs/s | errors | peak RSS MB | CPU ms/run | CPU µs/token |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const benchCase of cases) {
    for (const c of benchCase.concurrency) {
      for (const system of SYSTEMS) {
        const metrics = results[system]?.cases[benchCase.key]?.[c];
        if (metrics) lines.push(metricsRow(caseLabel(benchCase), c, system, metrics));
      }
      lines.push(ratioRow(benchCase.key, c, results, benchCase.key));
    }
  }
  return lines;
}

function growthTable(results: Results): string[] {
  const lines = [
    `| system | base CPU ms/run | µs/token 50→500 | µs/token 500→2000 | µs/message 1→50 | µs/message 50→200 | µs/tool 1→${TOOLS_MIDDLE} | µs/tool ${TOOLS_MIDDLE}→${TOOLS_MOST} | RSS after boot MB |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const system of SYSTEMS) {
    const g = growthOf(results[system]);
    const cells = [
      g.baseCpuMs,
      g.perTokenShort,
      g.perTokenLong,
      g.perMessageFew,
      g.perMessageMany,
      g.perToolFew,
      g.perToolMany,
      results[system]?.bootRssMb,
    ];
    lines.push(`| ${system} | ${cells.map((cell) => cell ?? '–').join(' | ')} |`);
  }
  return lines;
}

/** What tracing costs ours: CPU and TTFT per run with an OTLP endpoint, beside tracing off. */
function tracingLines({ caseKey, concurrency, off, on }: TracingCost): string[] {
  const change = (after: number, before: number) =>
    `${after} vs ${before} (${before > 0 ? `${Math.round(((after - before) / before) * 100)} %` : 'n/a'})`;
  return [
    `Tracing (ours, ${caseKey}, c=${concurrency}, two fresh processes warmed alike; on: OTLP/HTTP export of every span to a loopback sink; off: no endpoint, the API's no-op tracer):`,
    '',
    '| | off | on | change |',
    '|---|---|---|---|',
    `| CPU ms/run | ${off.cpuMsPerRun} | ${on.cpuMsPerRun} | ${change(on.cpuMsPerRun, off.cpuMsPerRun)} |`,
    `| TTFT p50 ms | ${off.ttftP50} | ${on.ttftP50} | ${change(on.ttftP50, off.ttftP50)} |`,
    `| peak RSS MB | ${off.peakRssMb} | ${on.peakRssMb} | ${change(on.peakRssMb, off.peakRssMb)} |`,
  ];
}

export function markdownReport(
  results: Results,
  cases: BenchCase[],
  targets: Target[],
  extra: { idleStreams: IdleStreamMemory; tracing: TracingCost },
  machine: string,
): string {
  const { idleStreams, tracing } = extra;
  const lines = [
    `Machine: ${machine}`,
    '',
    ...metricsTable(results, cases),
    '',
    'Growth: marginal CPU per unit of each dimension, paced, c=8 (server CPU from /proc):',
    '',
    ...growthTable(results),
    '',
    `Memory per idle open stream (ours, ${idleStreams.streams} streams waiting on a silent model, RSS): ${idleStreams.settledKib} KiB settled, ${idleStreams.openingKib} KiB a second after they opened`,
    '',
    ...tracingLines(tracing),
    '',
    '| target | holds | measured |',
    '|---|---|---|',
    ...targets.map(
      (target) => `| ${target.name} | ${target.holds ? 'yes' : '**no**'} | ${target.detail} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
