import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const serverConfig = registerAs('server', () => {
  const env = loadEnvironment();
  return {
    port: env.PORT,
    host: env.HOST,
    workers: env.WORKERS,
    maxPayloadBytes: env.MAX_PAYLOAD_BYTES,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
  };
});
