import { execFileSync } from 'node:child_process';

/**
 * Tests that start the service as a real child process run the production build; the demo
 * test runs the compiled demo script.
 */
export default function buildOnce(): void {
  for (const project of ['tsconfig.build.json', 'tsconfig.tools.json']) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], {
      stdio: 'inherit',
    });
  }
}
