import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { imageCommand } from './fixtures/image-command.js';
import { freePort, waitForHealthy } from './fixtures/net.js';
import { readComposeFile, serviceEnvironment } from './support/compose-file.js';
import { spawnService } from './support/child-service.js';
import { TEST_REDIS_URL } from './support/redis.js';
import { echoPayload } from './support/payloads.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

/** The host names compose's network gives its services, and what stands in for them here. */
const COMPOSE_HOSTS_ON_LOOPBACK: Record<string, string> = { redis: new URL(TEST_REDIS_URL).host };

/** A URL naming a compose service, pointed at the loopback stand-in of that service. */
function onLoopback(value: string): string {
  if (!/^rediss?:\/\//.test(value)) return value;
  const url = new URL(value);
  const standIn = COMPOSE_HOSTS_ON_LOOPBACK[url.hostname];
  if (!standIn) throw new Error(`no loopback stand-in for compose host ${url.hostname}`);
  url.host = standIn;
  return url.toString();
}

describe('deploy files that run', () => {
  const compose = readComposeFile();
  const service = compose.services['execution-plane'];
  const environment = serviceEnvironment(service);

  it('docker-compose.yml gives the service what it needs to boot', () => {
    expect(Number(environment.WORKERS)).toBeGreaterThan(1);
    const redisHost = new URL(environment.REDIS_URL).hostname;
    expect(Object.keys(compose.services)).toContain(redisHost);
    expect(service.depends_on).toMatchObject({ [redisHost]: { condition: 'service_healthy' } });
    expect(compose.services[redisHost].healthcheck?.test).toBeDefined();
    const grace = Number(environment.SHUTDOWN_GRACE_SECONDS);
    expect(Number.parseInt(service.stop_grace_period ?? '10s', 10)).toBeGreaterThan(grace);
  });

  it('npm run start:prod starts node as the image does, with the same flags', () => {
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(imageCommand().join(' ')).toBe(scripts['start:prod']);
  });

  it('boots with exactly the environment compose gives it: /health 200, a run streams', async () => {
    const port = await freePort();
    // Only the published port moves (8000 may be taken here) and compose host names point at
    // their loopback stand-ins; every other variable is the file's.
    const env = Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [name, onLoopback(value)]),
    );
    const child = spawnService({ ...env, PORT: String(port) });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitForHealthy(baseUrl, 30_000);
      const health = await fetch(`${baseUrl}/health`);
      expect(health.status).toBe(200);
      const stream = await postRun(`${baseUrl}/v1/run_workflow`, echoPayload('compose works'));
      expectWellFormedStream(stream);
    } finally {
      child.process.kill('SIGTERM');
    }
    expect(await child.exited).toBe(0);
    expect(child.stderr()).not.toMatch(/Invalid configuration/);
  }, 60_000);

  it("docs/deployment.md's Kubernetes manifest: readiness on /health, preStop, grace above the drain", () => {
    const documents = parseAllDocuments(readFileSync('docs/examples/kubernetes.yaml', 'utf8')).map(
      (document) => document.toJS() as Record<string, any>,
    );
    const deployment = documents.find((document) => document.kind === 'Deployment');
    const pod = deployment?.spec.template.spec;
    const container = pod.containers.find((each: any) => each.name === 'execution-plane');
    const env = Object.fromEntries(container.env.map((each: any) => [each.name, each.value]));
    expect(container.readinessProbe.httpGet.path).toBe('/health');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.lifecycle.preStop).toBeDefined();
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(
      Number(env.SHUTDOWN_GRACE_SECONDS) + 5,
    );
    expect(new URL(env.REDIS_URL).hostname).toBe(
      documents.find(
        (document) => document.kind === 'Service' && document.metadata.name.includes('redis'),
      )?.metadata.name,
    );
    expect(Number(env.WORKERS)).toBeGreaterThanOrEqual(1);
  });
});
