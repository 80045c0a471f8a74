import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('streams the original example offline and exits 0', async () => {
    const env = {
      ...process.env,
      NO_COLOR: '1',
      OPENAI_BASE_URL: '',
      OPENAI_API_KEY: '',
      MODEL_NAME: '',
    };
    const { stdout } = await run(process.execPath, ['dist-tools/scripts/demo.js'], {
      env,
      timeout: 30_000,
    });
    expect(stdout).toContain('▶ tool_start  weather (HTTP) {"city":"Paris"}');
    expect(stdout).toMatch(
      /✓ tool_result weather in \d+ ms → \{"city":"Paris","temperature_c":21,"condition":"sunny"\}/,
    );
    expect(stdout).toContain('assistant ▸ I am the execution plane demo agent.');
    expect(stdout).toContain('■ done        stop');
    expect(stdout).toMatch(/usage: prompt \d+ \+ completion \d+ = \d+ tokens/);
  }, 40_000);
});
