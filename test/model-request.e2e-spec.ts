import { MULTIMODAL_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

/** The parts of a content list as JSON text: what "byte for byte" compares. */
const jsonOf = (value: unknown) => JSON.stringify(value);

// The shapes of OpenAI's Chat Completions content parts, from its API reference
// (https://platform.openai.com/docs/api-reference/chat/create, messages → user message →
// content → array of content parts) and its vision, audio and PDF-files guides.
// `cache_control` is OpenRouter's prompt-caching field on a text part
// (https://openrouter.ai/docs/features/prompt-caching): a field we do not know, sent on.
const USER_PARTS = [
  { type: 'text', text: 'What is in these files?', cache_control: { type: 'ephemeral' } },
  { type: 'image_url', image_url: { url: 'https://images.example/cat.png', detail: 'low' } },
  {
    type: 'image_url',
    image_url: {
      url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    },
  },
  { type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZFZm10IBAAAAABAAEA', format: 'wav' } },
  {
    type: 'file',
    file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' },
  },
  { type: 'file', file: { file_id: 'file-6F2ksmvXxt4VdoqmHRw6kL' } },
];

describe('what a platform sends the model (issue 17: content parts, request fields)', () => {
  let harness: AgentHarness;

  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const payload = (model: Record<string, unknown> = {}, tools?: unknown[]) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?text=ok',
      pluginOrigin: harness.plugin.origin,
      ...(tools && { tools }),
    });
    Object.assign(body.runtime_config.model, model);
    return body;
  };

  /** POSTs and returns the 400's error body. */
  const refusal = async (body: unknown) => {
    const stream = await postRun(harness.runUrl, body);
    expect(stream.status).toBe(400);
    expect(harness.model.requests).toHaveLength(0);
    return (stream.json as { error: { code: string; message: string; details: unknown[] } }).error;
  };

  it("runs Swagger's multimodal example as written", async () => {
    const body = structuredClone(MULTIMODAL_EXAMPLE_PAYLOAD) as Record<string, any>;
    body.runtime_config.model.base_url = harness.model.baseUrl;
    body.runtime_config.model.model_name = 'describe';
    body.runtime_config.tools[0].execution_config.url = `${harness.plugin.origin}/v1/query`;
    const stream = await postRun(harness.runUrl, body);
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe('I received 2 parts: text, image_url.');
    const [sent] = harness.model.requests;
    expect(sent.body).toMatchObject({
      max_completion_tokens: 4000,
      reasoning_effort: 'low',
      seed: 7,
      tool_choice: 'auto',
      parallel_tool_calls: false,
      metadata: { platform_run: 'run-42' },
    });
    expect(sent.headers['openai-project']).toBe('proj_xxx');
  });

  describe('content parts', () => {
    it('passes every part type to the model exactly as sent, assistant parts too', async () => {
      const body = payload();
      body.input.messages = [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: USER_PARTS },
        { role: 'assistant', content: [{ type: 'text', text: 'A cat and a report.' }] },
        { role: 'user', content: 'Thanks' },
      ];
      const stream = await postRun(harness.runUrl, body);
      expectWellFormedStream(stream);
      expect(answerText(stream)).toBe('ok');

      const [request] = harness.model.requests;
      const sent = request.body.messages.filter(
        (message) => message.role !== 'system' || Array.isArray(message.content),
      );
      expect(jsonOf(sent.map((message) => message.content))).toBe(
        jsonOf(body.input.messages.map((message: { content: unknown }) => message.content)),
      );
      // The client's parts as bytes in the upstream body, not just an equal value.
      expect(request.raw).toContain(jsonOf(USER_PARTS));
    });

    it('refuses a malformed part with its path, before any model request', async () => {
      const body = payload();
      body.input.messages = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'ftp://images.example/cat.png' } },
          ],
        },
      ];
      const error = await refusal(body);
      expect(error.code).toBe('invalid_payload');
      expect(error.details).toEqual([
        {
          path: 'input.messages[0].content[1].image_url.url',
          message: expect.stringContaining('http(s)'),
        },
      ]);
      expect(error.message).not.toContain('ftp://');
    });

    it.each([
      [[{ type: 'video', video: {} }], 'input.messages[0].content[0].type'],
      [[{ type: 'text' }], 'input.messages[0].content[0].text'],
      [[{ type: 'image_url' }], 'input.messages[0].content[0].image_url'],
      [
        [{ type: 'image_url', image_url: { url: 'data:text/plain;base64,aGk=' } }],
        'input.messages[0].content[0].image_url.url',
      ],
      [
        [{ type: 'image_url', image_url: { url: 'https://a.example/x.png', detail: 'max' } }],
        'input.messages[0].content[0].image_url.detail',
      ],
      [
        [{ type: 'input_audio', input_audio: { data: 'not base64!', format: 'wav' } }],
        'input.messages[0].content[0].input_audio.data',
      ],
      [
        [{ type: 'input_audio', input_audio: { data: 'UklG', format: 'flac' } }],
        'input.messages[0].content[0].input_audio.format',
      ],
      [
        [{ type: 'file', file: { filename: 'a.pdf' } }],
        'input.messages[0].content[0].file.file_data',
      ],
      [['just a string'], 'input.messages[0].content[0]'],
      [[], 'input.messages[0].content'],
    ])('refuses %j at %s', async (content, path) => {
      const body = payload();
      body.input.messages = [{ role: 'user', content }];
      const error = await refusal(body);
      expect(error.details).toEqual([{ path, message: expect.any(String) }]);
    });

    it('takes only text parts outside user messages', async () => {
      const body = payload();
      body.input.messages = [
        { role: 'system', content: [USER_PARTS[1]] },
        { role: 'user', content: 'hi' },
      ];
      const error = await refusal(body);
      expect(error.details).toEqual([
        {
          path: 'input.messages[0].content[0].type',
          message: 'a system message may only have text parts',
        },
      ]);
    });

    it('bounds the parts of one message', async () => {
      const body = payload();
      body.input.messages = [
        { role: 'user', content: Array.from({ length: 101 }, () => ({ type: 'text', text: 'x' })) },
      ];
      const error = await refusal(body);
      expect(error.details).toEqual([
        {
          path: 'input.messages[0].content',
          message: 'a message may have at most 100 content parts',
        },
      ]);
    });
  });

  describe('request fields', () => {
    // Every field of the Chat Completions request a model config may set, with a value of
    // the type OpenAI's API reference gives it.
    const FIELDS = {
      temperature: 0.2,
      top_p: 0.9,
      stop: ['\n\n', 'END'],
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      logit_bias: { '50256': -100, '198': 5 },
      max_completion_tokens: 300,
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'answer',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        },
      },
    };

    it('sends each field given, exactly, and none that is not', async () => {
      const stream = await postRun(
        harness.runUrl,
        payload({ ...FIELDS, temperature: undefined, max_tokens: undefined }),
      );
      expectWellFormedStream(stream);
      const body = harness.model.requests[0].body;
      const { temperature, ...given } = FIELDS;
      expect(temperature).toBeDefined();
      expect(body).toMatchObject(given);
      expect(body).not.toHaveProperty('temperature');
      expect(body).not.toHaveProperty('max_tokens');
    });

    it('sends nothing of its own when the config gives nothing', async () => {
      const body = payload();
      delete body.runtime_config.model.temperature;
      delete body.runtime_config.model.max_tokens;
      await postRun(harness.runUrl, body);
      const sent = harness.model.requests[0].body;
      expect(Object.keys(sent).sort()).toEqual(
        ['messages', 'model', 'stream', 'stream_options', 'tools', 'user'].sort(),
      );
    });

    it('sends a single stop string as a string', async () => {
      await postRun(harness.runUrl, payload({ stop: 'END' }));
      expect(harness.model.requests[0].body.stop).toBe('END');
    });

    it('refuses max_tokens with max_completion_tokens', async () => {
      const error = await refusal(payload({ max_tokens: 10, max_completion_tokens: 10 }));
      expect(error.details).toEqual([
        {
          path: 'runtime_config.model.max_completion_tokens',
          message: 'give max_tokens or max_completion_tokens, not both',
        },
      ]);
    });

    it.each([
      ['top_p', 1.5],
      ['stop', []],
      ['seed', 1.5],
      ['presence_penalty', 3],
      ['logit_bias', { token: 1 }],
      ['reasoning_effort', 'extreme'],
      ['tool_choice', 'sometimes'],
      ['parallel_tool_calls', 'yes'],
      ['response_format', { type: 'json_schema' }],
    ])('refuses %s = %j naming it', async (field, value) => {
      const error = await refusal(payload({ [field]: value }));
      expect(error.details).toEqual([
        {
          path: expect.stringMatching(new RegExp(`^runtime_config\\.model\\.${field}`)),
          message: expect.any(String),
        },
      ]);
    });

    it('merges extra_body into the request', async () => {
      const extra = { chat_template_kwargs: { enable_thinking: false }, top_k: 20 };
      await postRun(harness.runUrl, payload({ extra_body: extra }));
      expect(harness.model.requests[0].body).toMatchObject(extra);
    });

    it.each(['model', 'messages', 'stream', 'stream_options', 'tools'])(
      'refuses extra_body.%s',
      async (field) => {
        const error = await refusal(payload({ extra_body: { [field]: 'x' } }));
        expect(error.details).toEqual([
          {
            path: 'runtime_config.model.extra_body',
            message: `extra_body must not set ${field}: the execution plane sets them`,
          },
        ]);
      },
    );

    it('sends extra_headers with their vault values, masked in the stream', async () => {
      const body = payload({
        extra_headers: {
          'HTTP-Referer': 'https://platform.example',
          'api-key': '{{vault.weather_api_key}}',
        },
      });
      body.runtime_config.vault = { weather_api_key: 'vault-model-header-secret' };
      const stream = await postRun(harness.runUrl, body);
      expectWellFormedStream(stream);
      const { headers } = harness.model.requests[0];
      expect(headers['http-referer']).toBe('https://platform.example');
      expect(headers['api-key']).toBe('vault-model-header-secret');
      expect(JSON.stringify(stream.events)).not.toContain('vault-model-header-secret');
    });

    it('masks a literal header value like a credential, even in the answer', async () => {
      const body = payload({ extra_headers: { 'x-api-key': 'literal-header-credential' } });
      body.runtime_config.model.model_name = 'text?text=key+literal-header-credential+leaked';
      const stream = await postRun(harness.runUrl, body);
      expectWellFormedStream(stream);
      expect(harness.model.requests[0].headers['x-api-key']).toBe('literal-header-credential');
      expect(answerText(stream)).toBe('key *** leaked');
    });

    it.each([
      [{ Authorization: 'Bearer x' }, 'must not set Authorization'],
      [{ 'Content-Type': 'text/plain' }, 'must not set Content-Type'],
      [{ 'X-Evil': 'a\r\nInjected: b' }, 'must map header names to string values'],
    ])('refuses extra_headers %j', async (headers, message) => {
      const error = await refusal(payload({ extra_headers: headers }));
      expect(error.details).toEqual([
        { path: 'runtime_config.model.extra_headers', message: expect.stringContaining(message) },
      ]);
    });

    it('refuses a header that names a key the vault lacks', async () => {
      const error = await refusal(payload({ extra_headers: { 'api-key': '{{vault.missing}}' } }));
      expect(error.details).toEqual([
        {
          path: 'runtime_config.model.extra_headers.api-key',
          message: "unknown vault key 'missing'",
        },
      ]);
    });
  });

  describe('tool_choice and parallel_tool_calls', () => {
    it('forces the first call, then lets the model answer after the tool results', async () => {
      const body = payload({ tool_choice: 'required', parallel_tool_calls: false });
      body.runtime_config.model.model_name = 'tool?text=done';
      const stream = await postRun(harness.runUrl, body);
      expectWellFormedStream(stream);
      const [first, second] = harness.model.requests.map((request) => request.body);
      expect(first).toMatchObject({ tool_choice: 'required', parallel_tool_calls: false });
      expect(second).toMatchObject({ tool_choice: 'auto', parallel_tool_calls: false });
    });

    it('sends a named function as given', async () => {
      const choice = { type: 'function', function: { name: 'weather' } };
      const body = payload({ tool_choice: choice });
      body.runtime_config.model.model_name = 'tool?text=done';
      await postRun(harness.runUrl, body);
      expect(harness.model.requests[0].body.tool_choice).toEqual(choice);
    });

    it('leaves both out of a request without tools (OpenAI refuses them there)', async () => {
      await postRun(
        harness.runUrl,
        payload({ tool_choice: 'none', parallel_tool_calls: true }, []),
      );
      const sent = harness.model.requests[0].body;
      expect(sent).not.toHaveProperty('tool_choice');
      expect(sent).not.toHaveProperty('parallel_tool_calls');
    });

    it('refuses a named function the run does not have', async () => {
      const error = await refusal(
        payload({ tool_choice: { type: 'function', function: { name: 'nope' } } }),
      );
      expect(error.details).toEqual([
        {
          path: 'runtime_config.model.tool_choice.function.name',
          message: 'no tool of the run has this name',
        },
      ]);
    });
  });
});
