import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildService {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /**
   * Runs the service at the lowest CPU priority (`nice -n 19`): for tests that load it on
   * purpose, so the timing of the suites running beside them is not theirs to pay.
   */
  background?: boolean;
}

/** Starts `node dist/main.js` (the production build) with the given environment. */
export function spawnService(
  env: Record<string, string>,
  options: SpawnOptions = {},
): ChildService {
  const [command, args] = options.background
    ? ['nice', ['-n', '19', process.execPath, 'dist/main.js']]
    : [process.execPath, ['dist/main.js']];
  const child = spawn(command, args, {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}
