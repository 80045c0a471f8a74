import { GRAPH_EXAMPLE_NAMES } from '../src/workflows/graph/graph-examples.js';
import { spawnService } from './support/child-service.js';
import { freePort, waitForHealthy } from './fixtures/net.js';

describe('boot-time configuration validation', () => {
  it.each([
    [
      'SSE_KEEPALIVE_INTERVAL',
      'abc',
      'SSE_KEEPALIVE_INTERVAL must be an integer from 1 to 3600 (seconds)',
    ],
    ['LOG_LEVEL', 'LOUD', 'LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR'],
    ['LOG_TRACE_ENABLED', 'maybe', 'LOG_TRACE_ENABLED must be true or false'],
    ['WORKERS', '0', 'WORKERS must be an integer from 1 to 64'],
  ])('refuses %s=%s with one line naming it and what it accepts', async (name, value, expected) => {
    const service = spawnService({ [name]: value, PORT: '0' });
    expect(await service.exited).toBe(1);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toEqual([`Invalid configuration: ${expected}`]);
    expect(service.stderr()).not.toContain(value === '0' ? 'WORKERS=0' : value);
    expect(service.stdout()).toBe('');
  });

  it('boots with level names in any case and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const service = spawnService({ LOG_LEVEL: 'warning', PORT: String(port) });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}`);
    } finally {
      service.process.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    // WARNING hides Nest's info-level start-up lines.
    expect(service.stdout()).not.toContain('successfully started');
  });

  it('the build ships the files it serves: the playground page and the graph examples', async () => {
    const port = await freePort();
    const service = spawnService({ PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealthy(base);
      expect((await fetch(`${base}/playground`)).status).toBe(200);
      const examples = await fetch(`${base}/v1/schemas/graph/examples`);
      expect(examples.status).toBe(200);
      const names = ((await examples.json()) as { name: string }[]).map((example) => example.name);
      expect(names).toEqual([...GRAPH_EXAMPLE_NAMES]);
    } finally {
      service.process.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
  });
});
