import { execFileSync } from 'node:child_process';

/** Tests that start the service as a real child process run the production build. */
export default function buildOnce(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
