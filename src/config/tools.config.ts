import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const toolsConfig = registerAs('tools', () => {
  const env = loadEnvironment();
  return {
    httpToolTimeoutMs: env.HTTP_TOOL_TIMEOUT * 1000,
    maxParallelTools: env.MAX_PARALLEL_TOOLS,
    maxResponseBytes: env.MAX_TOOL_RESPONSE_BYTES,
    allowedHosts: env.HTTP_TOOL_ALLOWED_HOSTS,
    proxyUrl: env.HTTP_TOOL_PROXY_URL,
  };
});
