import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { freePort } from './fixtures/net.js';

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

  it('--open prints the playground URL with the test model preselected, until Ctrl+C', async () => {
    const env = { ...process.env, PORT: String(await freePort()), OPENAI_BASE_URL: '' };
    const demo = spawn(process.execPath, ['dist-tools/scripts/demo.js', '--open'], { env });
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve) =>
        demo.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:\d+\/playground\?\S+/.exec(stdout);
          if (found) resolve(found[0]);
        }),
      );
      const preselected = new URL(url).searchParams;
      expect(preselected.get('model_name')).toMatch(/^tool\?/);
      expect(preselected.get('plugin_url')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/query$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Execution plane playground');
    } finally {
      demo.kill('SIGINT');
    }
    const [code] = (await once(demo, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 40_000);
});
