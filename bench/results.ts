import { GROWTH_CONCURRENCY, TOOLS_MIDDLE, TOOLS_MOST } from './cases.js';
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
  /** CPU per run over the tokens streamed: fixed cost included, so see Growth for the marginal. */
  cpuUsPerToken: number;
}

export interface SystemResults {
  /** RSS a second after the port opened, before any run. */
  bootRssMb: number;
  /** case key → concurrency → metrics */
  cases: Record<string, Record<number, Metrics>>;
}

/** Ours on one case with tracing off (the no-op tracer) and on (OTLP to a loopback sink). */
export interface TracingCost {
  caseKey: string;
  concurrency: number;
  off: Metrics;
  on: Metrics;
}

export const SYSTEMS = ['ours', 'ideal', 'reference'] as const;
export type Results = Partial<Record<(typeof SYSTEMS)[number], SystemResults>>;

/** How CPU per run grows with one dimension of the payload, at the growth concurrency. */
export interface Growth {
  /** µs of CPU per streamed token, between 50 and 500, and 500 and 2000 tokens. */
  perTokenShort?: number;
  perTokenLong?: number;
  /** µs per prior message, 1 → 50 and 50 → 200 messages. */
  perMessageFew?: number;
  perMessageMany?: number;
  /** µs per declared tool, 1 → TOOLS_MIDDLE and TOOLS_MIDDLE → TOOLS_MOST tools. */
  perToolFew?: number;
  perToolMany?: number;
  /** CPU ms per run at one message and one tool, 50 tokens (the paced case). */
  baseCpuMs?: number;
}

export function growthOf(system: SystemResults | undefined): Growth {
  const cpu = (key: string) => system?.cases[key]?.[GROWTH_CONCURRENCY]?.cpuMsPerRun;
  const slope = (from: string, fromUnits: number, to: string, toUnits: number) => {
    const [a, b] = [cpu(from), cpu(to)];
    return a === undefined || b === undefined
      ? undefined
      : round(((b - a) * 1000) / (toUnits - fromUnits), 1);
  };
  return {
    perTokenShort: slope('paced', 50, 'answer-500', 500),
    perTokenLong: slope('answer-500', 500, 'answer-2000', 2000),
    perMessageFew: slope('paced', 1, 'history-50', 50),
    perMessageMany: slope('history-50', 50, 'history-200', 200),
    perToolFew: slope('paced', 1, `tools-${TOOLS_MIDDLE}`, TOOLS_MIDDLE),
    perToolMany: slope(`tools-${TOOLS_MIDDLE}`, TOOLS_MIDDLE, `tools-${TOOLS_MOST}`, TOOLS_MOST),
    baseCpuMs: cpu('paced'),
  };
}
