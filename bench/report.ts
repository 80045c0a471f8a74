import { round } from './stats.js';

export interface Metrics {
  runs: number;
  errors: number;
  ttftP50: number;
  ttftP95: number;
  ttftP99: number;
  totalP50: number;
  totalP95: number;
  runsPerSecond: number;
  peakRssMb: number;
  cpuMsPerRun: number;
}

export type Shape = 'unpaced' | 'paced';
export type Results = Record<string, Record<Shape, Record<number, Metrics>>>;

export interface Target {
  name: string;
  holds: boolean;
  detail: string;
}

/** The targets, each with the numbers it was judged on. */
export function judgeTargets(results: Results, idleStreamKib: number): Target[] {
  const ours = results.ours;
  const ideal = results.ideal;
  const reference = results.reference;
  const targets: Target[] = [];
  const add = (name: string, holds: boolean, detail: string) =>
    targets.push({ name, holds, detail });
  if (ours?.paced[1] && ideal?.paced[1]) {
    const limit = ideal.paced[1].ttftP50 + 5;
    add(
      'paced c=1: TTFT p50 ≤ ideal + 5 ms',
      ours.paced[1].ttftP50 <= limit,
      `${ours.paced[1].ttftP50} ms vs ${round(limit)} ms`,
    );
  }
  if (ours?.paced[32] && ideal?.paced[32]) {
    const limit = ideal.paced[32].ttftP95 * 1.1;
    add(
      'paced c=32: TTFT p95 ≤ 1.1 × ideal',
      ours.paced[32].ttftP95 <= limit,
      `${ours.paced[32].ttftP95} ms vs ${round(limit)} ms`,
    );
  }
  if (ours?.unpaced[32] && reference?.unpaced[32]) {
    const rps = reference.unpaced[32].runsPerSecond * 2;
    add(
      'unpaced c=32: runs/s ≥ 2 × reference',
      ours.unpaced[32].runsPerSecond >= rps,
      `${ours.unpaced[32].runsPerSecond} vs ${round(rps)}`,
    );
    const cpu = reference.unpaced[32].cpuMsPerRun / 2;
    add(
      'unpaced c=32: CPU/run ≤ ½ reference',
      ours.unpaced[32].cpuMsPerRun <= cpu,
      `${ours.unpaced[32].cpuMsPerRun} ms vs ${round(cpu)} ms`,
    );
  }
  add('memory ≤ 64 KiB per idle open stream', idleStreamKib <= 64, `${idleStreamKib} KiB`);
  for (const shape of ['unpaced', 'paced'] as Shape[]) {
    if (ours?.[shape][128] && reference?.[shape][128]) {
      const holds = ours[shape][128].peakRssMb < reference[shape][128].peakRssMb;
      add(
        `${shape} c=128: peak RSS below reference`,
        holds,
        `${ours[shape][128].peakRssMb} MB vs ${reference[shape][128].peakRssMb} MB`,
      );
    }
  }
  return targets;
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? `${round(a / b, 2)}×` : '–';

export function markdownReport(
  results: Results,
  targets: Target[],
  idleStreamKib: number,
  machine: string,
): string {
  const lines = [
    `Machine: ${machine}`,
    '',
    '| shape | c | system | TTFT p50 / p95 / p99 ms | total p50 / p95 ms | runs/s | errors | peak RSS MB | CPU ms/run |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const shape of ['unpaced', 'paced'] as Shape[]) {
    for (const concurrency of Object.keys(results.ours?.[shape] ?? {}).map(Number)) {
      for (const system of ['ours', 'ideal', 'reference']) {
        const m = results[system]?.[shape]?.[concurrency];
        if (!m) continue;
        lines.push(
          `| ${shape} | ${concurrency} | ${system} | ${m.ttftP50} / ${m.ttftP95} / ${m.ttftP99} | ${m.totalP50} / ${m.totalP95} | ${m.runsPerSecond} | ${m.errors} | ${m.peakRssMb} | ${m.cpuMsPerRun} |`,
        );
      }
      const ours = results.ours?.[shape]?.[concurrency];
      const ideal = results.ideal?.[shape]?.[concurrency];
      const reference = results.reference?.[shape]?.[concurrency];
      lines.push(
        `| ${shape} | ${concurrency} | **ratios** | ours/ideal ${ratio(ours?.ttftP50, ideal?.ttftP50)} p50 | ours/ideal ${ratio(ours?.totalP50, ideal?.totalP50)} | ours/ref ${ratio(ours?.runsPerSecond, reference?.runsPerSecond)} | | ours/ref ${ratio(ours?.peakRssMb, reference?.peakRssMb)} | ours/ref ${ratio(ours?.cpuMsPerRun, reference?.cpuMsPerRun)} |`,
      );
    }
  }
  lines.push(
    '',
    `Memory per idle open stream (ours, streams waiting on a silent model): ${idleStreamKib} KiB`,
    '',
    '| target | holds | measured |',
    '|---|---|---|',
  );
  for (const target of targets)
    lines.push(`| ${target.name} | ${target.holds ? 'yes' : '**no**'} | ${target.detail} |`);
  return `${lines.join('\n')}\n`;
}
