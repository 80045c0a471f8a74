/**
 * `npm run bench:profile -- [case] [concurrency] [runs] [system] [--traced]` (default:
 * answer-500 8 48 ours): one system of the benchmark under one case with `--cpu-prof`, then
 * its self time by package, boot excluded — the breakdowns docs/performance.md compares
 * before and after a change. `--traced` exports ours' spans to the upstreams' OTLP sink.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCases, payloadFor } from './cases.js';
import { type CpuProfile, selfTimeByPackage } from './cpu-profile.js';
import { runLoad } from './load.js';
import { type SystemName, startSystem, startUpstreams } from './systems.js';

const traced = process.argv.includes('--traced');
const [caseKey = 'answer-500', concurrencyArg = '8', runsArg = '48', systemName = 'ours'] =
  process.argv.slice(2).filter((arg) => arg !== '--traced');
const benchCase = benchCases(false).find((candidate) => candidate.key === caseKey);
if (!benchCase) throw new Error(`no benchmark case ${caseKey}`);

const directory = mkdtempSync(join(tmpdir(), 'cpu-prof-'));
const upstreams = await startUpstreams();
const spawnedAt = performance.now();
const system = await startSystem(
  systemName as SystemName,
  ['--cpu-prof', `--cpu-prof-dir=${directory}`],
  traced ? { OTEL_EXPORTER_OTLP_ENDPOINT: upstreams.otlpOrigin } : {},
);
try {
  const body = payloadFor(benchCase, upstreams);
  await runLoad(system.url, body, 4, 8); // warm-up
  await sleep(500);
  const fromMs = performance.now() - spawnedAt;
  const { wallMs } = await runLoad(system.url, body, Number(concurrencyArg), Number(runsArg));
  // SIGTERM: the service drains and exits (the others just exit), and Node writes the
  // profile on exit.
  system.process.kill('SIGTERM');
  await once(system.process, 'exit');
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile')) as string;
  const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
  const totals = [...selfTimeByPackage(profile, fromMs)].sort((a, b) => b[1] - a[1]);
  const busy = totals.reduce((sum, [, ms]) => sum + ms, 0);
  process.stdout.write(
    `${caseKey}, c=${concurrencyArg}, ${runsArg} runs in ${Math.round(wallMs)} ms; busy ${Math.round(busy)} ms\n\n| package | self ms | share |\n|---|---:|---:|\n`,
  );
  for (const [name, ms] of totals)
    process.stdout.write(`| ${name} | ${Math.round(ms)} | ${((ms / busy) * 100).toFixed(1)} % |\n`);
} finally {
  upstreams.stop();
  if (system.process.exitCode === null && system.process.signalCode === null) await system.stop();
}
