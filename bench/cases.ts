/**
 * The shapes the benchmark drives every system with: the original README's example payload
 * (one tool call, then the answer), varied one dimension at a time from the base `paced`
 * case — answer length, prior messages, tools declared — plus `unpaced` for raw CPU cost.
 */
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';

export interface BenchCase {
  key: string;
  /** Words streamed in the answer, one per chunk. */
  tokens: number;
  /** 100 ms to the first token, then 10 ± 2 ms per token; unpaced sends all at once. */
  paced: boolean;
  /** Messages in the conversation, the last one the user's question. */
  history: number;
  /** Tools declared; the model calls the first. */
  tools: number;
  concurrency: number[];
  runs(concurrency: number): number;
  /** At GROWTH_CONCURRENCY, measured in rounds alternating with the other interleaved cases. */
  interleaved?: boolean;
}

export interface Upstreams {
  modelBaseUrl: string;
  pluginOrigin: string;
  /** An OTLP/HTTP sink: ours sends its traces there in the tracing-cost run. */
  otlpOrigin: string;
}

/** A model that paces its tokens as issue 16 measured: 100 ms TTFT, 10 ± 2 ms per token. */
const PACE = 'ttft_ms=100&delay_ms=10&jitter_ms=2';
/** The concurrency the growth shapes (answer length, history, tools) are measured at. */
export const GROWTH_CONCURRENCY = 8;
/**
 * Tools declared in the tool shapes beyond the base's one: evenly spaced, so the two slopes
 * the linearity judge compares are measured over as many tools each (a short first segment,
 * 1 → 10, grew by less than this machine's noise and swung the verdict).
 */
export const TOOLS_MIDDLE = 25;
export const TOOLS_MOST = 50;
/** Long answers are not worth a warm-up of their own: the short cases before warm the JIT. */
export const WARM_UP_MAX_TOKENS = 50;
/** Rounds the interleaved cases are measured in (a full run: 16 runs, two batches of 8, per round). */
export const interleavedRounds = (quick: boolean) => (quick ? 2 : 6);

export function benchCases(quick: boolean): BenchCase[] {
  const short = (c: number) => (quick ? Math.max(8, c * 2) : Math.max(20, c * 4));
  // A 2000-token answer takes 20 s: long answers run one (quick) or two rounds.
  const long = (c: number) => (quick ? c : c * 2);
  // Growth is a difference of a few ms per run: enough runs that /proc's 10 ms ticks blur it little.
  const many = () => (quick ? 16 : 96);
  const base = { tokens: 50, paced: true, history: 1, tools: 1 };
  const growth = { concurrency: [GROWTH_CONCURRENCY], runs: many };
  const interleaved = { ...growth, interleaved: true };
  return [
    {
      ...base,
      key: 'unpaced',
      paced: false,
      concurrency: quick ? [1, 32] : [1, 8, 32, 128],
      runs: (c) => (quick ? Math.max(40, c * 4) : Math.max(150, c * 12)),
    },
    {
      ...base,
      key: 'paced',
      interleaved: true,
      concurrency: quick ? [1, 8, 32] : [1, 8, 32, 128],
      runs: (c) => (c === GROWTH_CONCURRENCY ? many() : short(c)),
    },
    { ...base, ...growth, key: 'answer-500', tokens: 500, runs: long },
    { ...base, ...growth, key: 'answer-2000', tokens: 2000, runs: long },
    { ...base, ...interleaved, key: 'history-50', history: 50 },
    { ...base, ...interleaved, key: 'history-200', history: 200 },
    { ...base, ...interleaved, key: `tools-${TOOLS_MIDDLE}`, tools: TOOLS_MIDDLE },
    { ...base, ...interleaved, key: `tools-${TOOLS_MOST}`, tools: TOOLS_MOST },
  ];
}

/** `count` messages alternating user and assistant, ending with the user's question. */
function conversation(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const fromUser = (count - 1 - index) % 2 === 0;
    return fromUser
      ? { role: 'user', content: `Question ${index}: what is the weather like in city ${index}?` }
      : { role: 'assistant', content: `Answer ${index}: it is sunny in city ${index - 1}, 21 °C.` };
  });
}

export function payloadFor(benchCase: BenchCase, upstreams: Upstreams): string {
  const payload = structuredClone(ORIGINAL_EXAMPLE_PAYLOAD);
  const { model, tools } = payload.runtime_config;
  model.base_url = upstreams.modelBaseUrl;
  const tokens = `tokens=${benchCase.tokens}&chunks=${benchCase.tokens}`;
  model.model_name = `tool?${tokens}${benchCase.paced ? `&${PACE}` : ''}`;
  tools[0].execution_config.url = `${upstreams.pluginOrigin}/v1/query`;
  for (let index = 1; index < benchCase.tools; index += 1)
    tools.push({ ...structuredClone(tools[0]), name: `lookup_${index}` });
  if (benchCase.history > 1) payload.input.messages = conversation(benchCase.history);
  return JSON.stringify(payload);
}

/** The case's payload with a model that stays silent: streams that open and wait. */
export function idlePayload(upstreams: Upstreams): string {
  const payload = JSON.parse(payloadFor(benchCases(true)[1] as BenchCase, upstreams));
  payload.runtime_config.model.model_name = 'text?ttft_ms=600000';
  payload.runtime_config.tools = [];
  return JSON.stringify(payload);
}
