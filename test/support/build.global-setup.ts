import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';

/** The playground's files that the build copies as they are (its scripts are compiled). */
const PLAYGROUND_STATIC_FILES = ['index.html', 'styles.css'];

/**
 * Tests that start the service as a real child process run the production build (the
 * playground included); the demo test runs the compiled demo script.
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
  for (const file of PLAYGROUND_STATIC_FILES)
    copyFileSync(`src/playground/web/${file}`, `dist/playground/web/${file}`);
}
