/**
 * The benchmark's upstreams in their own process (so their CPU is not the load driver's):
 * the OpenAI-compatible test model server, the weather plugin stub, and an OTLP/HTTP sink
 * (for the run with tracing on), on 127.0.0.1.
 * Prints one JSON line with their addresses, then serves until killed.
 */
import { OpenAiCompatibleServer } from '../test/fixtures/openai-compatible.server.js';
import { createServer } from 'node:http';
import { listenOnLoopback, loopbackOrigin } from '../test/fixtures/loopback-server.js';
import { PluginStubServer } from '../test/fixtures/plugin-stub.server.js';

const model = await new OpenAiCompatibleServer().start();
const plugin = await new PluginStubServer().start();
// A collector that takes every export and keeps nothing: what tracing costs the service.
const otlpSink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await listenOnLoopback(otlpSink);
// Recordings would grow for the whole benchmark: keep none.
setInterval(() => {
  model.requests.length = 0;
  plugin.requests.length = 0;
}, 1000).unref();
process.stdout.write(
  `${JSON.stringify({ modelBaseUrl: model.baseUrl, pluginOrigin: plugin.origin, otlpOrigin: loopbackOrigin(otlpSink) })}\n`,
);
