import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { imageCommand } from '../test/fixtures/image-command.js';
import { freePort } from '../test/fixtures/net.js';
import type { SYSTEMS } from './results.js';

export type SystemName = (typeof SYSTEMS)[number];

export interface RunningSystem {
  name: SystemName;
  url: string;
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The arguments of `node` in the image's CMD: ours runs as deployed, node flags included. */
function imageNodeArgs(): string[] {
  const [binary, ...args] = imageCommand();
  if (binary !== 'node') throw new Error('the Dockerfile CMD does not run node');
  return args;
}

/** Every process of the benchmark runs on the same Node binary as the driver. */
const COMMANDS: Record<
  SystemName,
  (port: number) => { args: string[]; env: Record<string, string> }
> = {
  ours: (port) => ({
    args: imageNodeArgs(),
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'ERROR',
      LOG_TRACE_ENABLED: 'false',
      HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
      MAX_CONCURRENT_RUNS: '2000',
    },
  }),
  ideal: (port) => ({ args: ['dist-tools/bench/ideal-orchestrator.js', String(port)], env: {} }),
  reference: (port) => ({
    args: ['dist-tools/bench/reference-langgraph.server.js', String(port)],
    env: {},
  }),
};

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`port ${port} did not open`);
}

/**
 * `nodeFlags` go before the script, e.g. `--cpu-prof` (bench/profile.ts); `extraEnv` is added
 * to the system's environment (e.g. an OTLP endpoint).
 */
export async function startSystem(
  name: SystemName,
  nodeFlags: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<RunningSystem> {
  const port = await freePort();
  const { args, env } = COMMANDS[name](port);
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port);
  const origin = `http://127.0.0.1:${port}`;
  return {
    name,
    origin,
    url: `${origin}/v1/run_workflow`,
    process: child,
    stop: async () => {
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

/** The model server and plugin stub, in a process of their own. */
export async function startUpstreams(): Promise<{
  modelBaseUrl: string;
  pluginOrigin: string;
  otlpOrigin: string;
  stop(): void;
}> {
  const child = spawn(process.execPath, ['dist-tools/bench/upstreams.js'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return { ...JSON.parse(line.toString()), stop: () => child.kill('SIGKILL') };
}
