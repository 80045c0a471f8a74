/**
 * The benchmark's upstreams in their own process (so their CPU is not the load driver's):
 * the OpenAI-compatible test model server and the weather plugin stub, on 127.0.0.1.
 * Prints one JSON line with their addresses, then serves until killed.
 */
import { OpenAiCompatibleServer } from '../test/fixtures/openai-compatible.server.js';
import { PluginStubServer } from '../test/fixtures/plugin-stub.server.js';

const model = await new OpenAiCompatibleServer().start();
const plugin = await new PluginStubServer().start();
// Recordings would grow for the whole benchmark: keep none.
setInterval(() => {
  model.requests.length = 0;
  plugin.requests.length = 0;
}, 1000).unref();
process.stdout.write(
  `${JSON.stringify({ modelBaseUrl: model.baseUrl, pluginOrigin: plugin.origin })}\n`,
);
