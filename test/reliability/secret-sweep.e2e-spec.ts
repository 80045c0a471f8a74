import request from 'supertest';
import { echoHandler } from '../fixtures/plugin-stub.server.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from '../support/agent-harness.js';
import { vaultPluginPayload } from '../support/agent-payloads.js';
import { postRun } from '../support/sse-client.js';

const API_KEY = 'sk-SWEEP-model-key-93b1f0';
const VAULT_VALUE = 'vault-SWEEP-plugin-secret-7c2d';
const BEARER = 'svc-SWEEP-bearer-token-55e8a1';
const USER_TEXT = 'SWEEP my medical question about ankles';
const SECRETS = [API_KEY, VAULT_VALUE, BEARER, USER_TEXT];

/** Model scenarios and plugin behaviours, each run once with all four secrets in play. */
const SCENARIOS: [string, string, string][] = [
  ['a plain answer', 'text', '/echo'],
  [
    'a tool call to a plugin that echoes the request',
    toolCallsScenario([{ name: 'plugin', args: { q: 1 } }]),
    '/echo',
  ],
  [
    'a plugin failing with the request in its body',
    toolCallsScenario([{ name: 'plugin', args: {} }]),
    '/fail',
  ],
  ['a plugin that times out', toolCallsScenario([{ name: 'plugin', args: {} }]), '/hang'],
  ['model 401', 'status?code=401', '/echo'],
  ['model 404', 'status?code=404', '/echo'],
  ['model 429', 'status?code=429', '/echo'],
  ['model 500', 'status?code=500', '/echo'],
  ['context length', 'context', '/echo'],
  ['a dropped stream', 'drop', '/echo'],
  ['a malformed stream', 'malformed', '/echo'],
  ['a stalled stream', 'stall', '/echo'],
];

describe('secret leak sweep', () => {
  let harness: AgentHarness;
  const seen: string[] = [];

  beforeAll(async () => {
    harness = await startAgentHarness({
      env: { SERVICE_API_KEYS: BEARER, MODEL_MAX_RETRIES: '0', MODEL_TIMEOUT_SECONDS: '1' },
    });
    harness.plugin.handle('GET', '/echo', echoHandler);
    harness.plugin.handle('GET', '/fail', (request, res) =>
      res.writeHead(500).end(JSON.stringify(request)),
    );
    harness.plugin.handle('GET', '/hang', () => undefined);
  });
  afterAll(() => harness.close());

  function payload(modelName: string, pluginPath: string) {
    const body = vaultPluginPayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginUrl: `${harness.plugin.origin}${pluginPath}`,
      executionConfig: { headers: { Authorization: 'Bearer {{vault.token}}' }, timeout_ms: 300 },
    });
    body.input.messages = [{ role: 'user', content: USER_TEXT }];
    body.runtime_config.model.api_key = API_KEY;
    body.runtime_config.vault = { token: VAULT_VALUE };
    return body;
  }

  it.each(SCENARIOS)('%s leaks nothing into the stream', async (_name, modelName, pluginPath) => {
    const stream = await postRun(harness.runUrl, payload(modelName, pluginPath), {
      headers: { authorization: `Bearer ${BEARER}` },
    });
    expect(stream.status).toBe(200);
    expect(stream.events.at(-1)?.event).toBe('done');
    seen.push(JSON.stringify(stream.events));
  });

  it('leaks nothing into error answers', async () => {
    const invalid = payload('text', '/echo');
    invalid.runtime_config.model.temperature = API_KEY;
    invalid.runtime_config.vault = { token: VAULT_VALUE, bad: 5 };
    const refused = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .set('Authorization', `Bearer ${BEARER}`)
      .send(invalid)
      .expect(400);
    const unauthorized = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .set('Authorization', `Bearer ${BEARER}x`)
      .send(payload('text', '/echo'))
      .expect(401);
    seen.push(refused.text, unauthorized.text);
  });

  afterAll(() => {
    const everything = [...seen, harness.service.logs.text].join('\n');
    expect(seen.length).toBe(SCENARIOS.length + 2);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    // The plugin did receive the vault value: masking is what kept it out.
    expect(
      harness.plugin.requests.some(
        (call) => call.headers.authorization === `Bearer ${VAULT_VALUE}`,
      ),
    ).toBe(true);
  });
});
