import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs in a child Node process: installs the guards of the production build, then misbehaves. */
const SCRIPT = `
const { installProcessGuards } = await import('./dist/lifecycle/process-guards.js');
installProcessGuards({ error: (fields, message) => console.log(message + ': ' + fields.err.message) });
Promise.reject(new Error('a run forgot to await'));
setTimeout(() => { throw new Error('a callback threw'); }, 10);
setTimeout(() => console.log('still serving'), 100);
`;

describe('process guards', () => {
  it('log an unhandled rejection and an uncaught exception, and keep the process alive', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      timeout: 10_000,
    });
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'unhandled promise rejection: a run forgot to await',
      'uncaught exception: a callback threw',
      'still serving',
    ]);
  });
});
