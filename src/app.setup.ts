import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type {
  NestExpressApplication,
  NestExpressBodyParserOptionsFor,
} from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { answerClientErrors } from './common/http/client-error.handler.js';
import { JSON_MEDIA_TYPES } from './streaming/json-content-type.guard.js';
import { limitsConfig } from './config/limits.config.js';
import { serverConfig } from './config/server.config.js';
import { jsonBodyVerifier } from './payload/json-body.verifier.js';
import { preferAsyncRewrite } from './streaming/prefer-async.rewrite.js';
import { PROTOCOL_VERSION, SERVICE_VERSION } from './health/service-version.js';

/** How often Node looks for requests past their headers or request timeout (default 30 s). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

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

/**
 * Everything an app needs beyond its modules: logger, HTTP server timeouts and parser
 * refusals, JSON body limits, the `Prefer: respond-async` rewrite, Swagger.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  const server = app.get<ConfigType<typeof serverConfig>>(serverConfig.KEY);
  const http = app.getHttpServer() as Server;
  // Set explicitly: Node's defaults let a slow client hold a socket for minutes.
  http.headersTimeout = server.headersTimeoutMs;
  http.requestTimeout = server.requestTimeoutMs;
  // Read by Node when the server starts listening: how late a timed-out request is noticed.
  Object.assign(http, { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS });
  answerClientErrors(http);
  const json = {
    limit: server.maxPayloadBytes,
    type: JSON_MEDIA_TYPES,
    reviver: dropPrototypeKeys,
    verify: jsonBodyVerifier(
      app.get<ConfigType<typeof limitsConfig>>(limitsConfig.KEY).maxPayloadKeys,
    ),
  };
  // Nest's types reserve `verify` for its rawBody option, which this app does not use.
  app.useBodyParser('json', json as NestExpressBodyParserOptionsFor<'json'>);
  app.use(preferAsyncRewrite);
  setUpSwagger(app);
  return app;
}

export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS);
  return configureApp(app);
}
