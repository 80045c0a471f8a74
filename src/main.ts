import cluster from 'node:cluster';
import { runClusterPrimary } from './cluster.primary.js';
import { ConfigurationError } from './config/configuration.error.js';
import { loadEnvironment } from './config/load-environment.js';

async function startServer(host: string, port: number): Promise<void> {
  // Imported here, not at the top: the cluster primary never loads Nest.
  const { createApp } = await import('./app.setup.js');
  const { GracefulShutdown } = await import('./lifecycle/graceful-shutdown.service.js');
  const { installProcessGuards } = await import('./lifecycle/process-guards.js');
  const { PinoLogger } = await import('nestjs-pino');
  const app = await createApp();
  installProcessGuards((await app.resolve(PinoLogger)).logger);
  await app.listen(port, host);
  // Drain, close, exit 0 (Nest's own shutdown hooks would re-raise the signal instead).
  const stop = () =>
    void app
      .get(GracefulShutdown)
      .drain()
      .then(() => app.close())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function main(): Promise<void> {
  // Validated before anything starts: a bad variable stops the boot with one line.
  const environment = loadEnvironment();
  if (environment.WORKERS > 1 && cluster.isPrimary) {
    runClusterPrimary(environment.WORKERS);
    return;
  }
  await startServer(environment.HOST, environment.PORT);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigurationError
      ? error.message
      : `Boot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
