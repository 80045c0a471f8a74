import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const workflowsConfig = registerAs('workflows', () => {
  const env = loadEnvironment();
  return { maxIterations: env.MAX_ITERATIONS, maxGraphNodes: env.MAX_GRAPH_NODES };
});
