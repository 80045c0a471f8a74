import request from 'supertest';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from '../support/agent-harness.js';
import { vaultPluginPayload } from '../support/agent-payloads.js';
import { postRun } from '../support/sse-client.js';
import { encodedForms } from '../support/secret-forms.js';
import { answerText, expectWellFormedStream } from '../support/stream-assertions.js';

/** A vault value with every character that changes under an encoding: `"`, `\`, `/`, space, `+`. */
const VAULT = 'va"ul\\t/S3cr et+x=1';
/** A vault value that is also a valid tool name, so a payload can name a tool after it. */
const NAME_LIKE_VAULT = 'NativeSecretName_1234';

/**
 * The secret sweep for encoded forms (issue 14): plugins that echo a vault value URL-encoded,
 * base64-encoded, JSON- or PHP-escaped, an error body cut in the middle of one, and a model
 * that says one across two chunks. None of its forms may reach an event, a request the model
 * receives, an error answer or a log line.
 */
describe('secret sweep: every encoding, across frame boundaries', () => {
  let harness: AgentHarness;
  const seen: string[] = [];

  beforeAll(async () => {
    harness = await startAgentHarness({ env: { MODEL_MAX_RETRIES: '0' } });
    const plugin = harness.plugin;
    plugin.handle('GET', '/url', (call, res) => {
      const value = call.query.key ?? '';
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`q=${encodeURIComponent(value)}&${new URLSearchParams({ f: value })}`);
    });
    plugin.handle('GET', '/base64', (call, res) => {
      const value = call.query.key ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          token: Buffer.from(value).toString('base64'),
          url_safe: Buffer.from(value).toString('base64url'),
          basic: `Basic ${Buffer.from(`user:${value}`).toString('base64')}`,
        }),
      );
    });
    plugin.handle('GET', '/php', (call, res) => {
      const php = JSON.stringify(call.query.key ?? '').replaceAll('/', '\\/');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`{"echo":${php}}`);
    });
    plugin.handle('GET', '/json', (call, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ nested: JSON.stringify({ key: call.query.key }) }));
    });
    plugin.handle('GET', '/fail-cut', (call, res) => {
      // The 500-character preview of the error body ends in the middle of the value.
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${'x'.repeat(490)}${call.query.key}${'y'.repeat(100)}`);
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  function payload(modelName: string, pluginPath: string) {
    const body = vaultPluginPayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginUrl: `${harness.plugin.origin}${pluginPath}`,
    });
    body.runtime_config.vault = { token: VAULT, other: NAME_LIKE_VAULT };
    return body;
  }

  it.each(['/url', '/base64', '/php', '/json', '/fail-cut'])(
    'a plugin answering with the value via %s: masked in events and in what the model gets',
    async (path) => {
      const stream = await postRun(
        harness.runUrl,
        payload(toolCallsScenario([{ name: 'plugin', args: {} }]), path),
      );
      expectWellFormedStream(stream);
      expect(harness.plugin.requests[0].query.key).toBe(VAULT);
      seen.push(JSON.stringify(stream.events), JSON.stringify(harness.model.requests));
      const result = stream.events.find((event) => event.event === 'tool_result');
      expect(JSON.stringify(result?.data)).toContain('***');
    },
  );

  it('a secret the model says across two message_chunk frames is masked whole', async () => {
    // The test model splits its text at white space: the value's space cuts it in two frames.
    const said = `The token is ${VAULT} as requested.`;
    const stream = await postRun(
      harness.runUrl,
      payload(`text?text=${encodeURIComponent(said)}&chunks=20`, '/url'),
    );
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('The token is *** as requested.');
    seen.push(JSON.stringify(stream.events));
  });

  it('plain text is not held back: a frame goes out as soon as it cannot start a secret', async () => {
    const stream = await postRun(
      harness.runUrl,
      payload('text?text=one two three four&chunks=4', '/url'),
    );
    const chunks = stream.events.filter((event) => event.event === 'message_chunk');
    expect(chunks.map((event) => event.data.content)).toEqual(['one', ' two', ' three', ' four']);
  });

  it('an error never quotes a payload-supplied name, even one equal to a vault value', async () => {
    const body = payload('text', '/url');
    body.runtime_config.tools.push({ type: 'NATIVE', name: NAME_LIKE_VAULT });
    const refused = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(body)
      .expect(400);
    expect(refused.body.error.details[0].path).toBe('runtime_config.tools[1].name');
    seen.push(refused.text);
  });

  afterAll(() => {
    const everything = [...seen, harness.service.logs.text].join('\n');
    expect(seen.length).toBe(12);
    for (const form of [...encodedForms(VAULT), NAME_LIKE_VAULT])
      expect(everything).not.toContain(form);
  });
});
