import { execFileSync } from 'node:child_process';

/**
 * Tests that start the service as a real child process run the production build (the
 * playground and the files it copies included); the demo test runs the compiled demo script.
 */
export default function buildOnce(): void {
  for (const project of [
    'tsconfig.build.json',
    'tsconfig.playground.json',
    'tsconfig.tools.json',
  ]) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], {
      stdio: 'inherit',
    });
  }
  // What the build ships as it is (the playground's page, the graph examples): npm run build's list.
  execFileSync(process.execPath, ['scripts/copy-build-assets.mjs'], { stdio: 'inherit' });
}
