import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { JSON_MEDIA_TYPES } from './streaming/json-content-type.guard.js';
import { serverConfig } from './config/server.config.js';
import { PROTOCOL_VERSION, SERVICE_VERSION } from './health/service-version.js';

/** Options every app instance is created with (main.ts and the e2e tests). */
export const APP_OPTIONS = { bufferLogs: true, bodyParser: false, abortOnError: false } as const;

/**
 * Keys that would set an object's prototype. Dropped while parsing, as Fastify's
 * secure-json-parse does, so no later copy of the payload can be polluted.
 */
function dropPrototypeKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value;
}

function setUpSwagger(app: INestApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Execution plane')
    .setDescription(
      `Runs AI agent workflows and streams every step as Server-Sent Events. Wire protocol v${PROTOCOL_VERSION}.`,
    )
    .setVersion(SERVICE_VERSION)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
}

/** Everything an app needs beyond its modules: logger, JSON body limits, Swagger. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  const { maxPayloadBytes } = app.get<{ maxPayloadBytes: number }>(serverConfig.KEY);
  app.useBodyParser('json', {
    limit: maxPayloadBytes,
    type: JSON_MEDIA_TYPES,
    reviver: dropPrototypeKeys,
  });
  setUpSwagger(app);
  return app;
}

export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS);
  return configureApp(app);
}
