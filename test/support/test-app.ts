import type { AddressInfo } from 'node:net';
import type { Provider } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../src/app.setup.js';
import { LOG_DESTINATION } from '../../src/common/logging/log-destination.js';
import { LogCapture } from './log-capture.js';
// Not exported, so imported by path: nestjs-pino's own reset of its one-per-process pino-http, without which a second app in a test file logs to the first one's destination.
import { __resetOutOfContextForTests as resetNestPino } from '../../node_modules/nestjs-pino/dist/esm/PinoLogger.js';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  logs: LogCapture;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment variables for this app only (restored once its config is read). */
  env?: Record<string, string>;
  /** Extra providers, e.g. test-only workflows found by discovery like any other. */
  providers?: Provider[];
}

function withEnvironment<T>(env: Record<string, string>, build: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return build().finally(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/**
 * The real application, listening on an ephemeral loopback port, with its logs captured.
 * Plugins on 127.0.0.1 are allowed (HTTP_TOOL_ALLOWED_HOSTS) unless a test says otherwise.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logs = new LogCapture();
  resetNestPino();
  const moduleRef = await withEnvironment(
    { LOG_LEVEL: 'DEBUG', HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1', ...options.env },
    () =>
      Test.createTestingModule({ imports: [AppModule], providers: options.providers ?? [] })
        .overrideProvider(LOG_DESTINATION)
        .useValue(logs)
        .compile(),
  );
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>(APP_OPTIONS));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, logs, close: () => app.close() };
}
