/**
 * The example execution payload of the original service's README (translated), used by
 * Swagger UI, the demo and the tests. The demo and tests point its URLs at loopback servers.
 */
export const ORIGINAL_EXAMPLE_PAYLOAD = {
  task_meta: { workflow_id: 'agent_chat', trace_id: 'trace-123456', user_id: 'user-001' },
  input: {
    messages: [{ role: 'user', content: 'Hello, please introduce yourself' }],
    variables: {},
  },
  runtime_config: {
    model: {
      model_name: 'gpt-4',
      base_url: 'https://api.openai.com/v1',
      api_key: 'sk-xxx',
      temperature: 0.7,
      max_tokens: 2000,
    },
    tools: [
      {
        type: 'HTTP',
        name: 'weather',
        description: 'Look up the weather of a city',
        parameter_schema: {
          type: 'object',
          properties: { city: { type: 'string', description: 'City name' } },
        },
        execution_config: { url: 'https://api.weather.com/v1/query', method: 'GET' },
      },
    ],
    vault: { weather_api_key: 'xxx' },
  },
};

/**
 * A platform in front of a vision and reasoning model: an image as a content part, the
 * reasoning model's own limits, provider-specific fields (docs/execution-payload.md).
 * Swagger UI's second example; the tests run it against the test model server.
 */
export const MULTIMODAL_EXAMPLE_PAYLOAD = {
  task_meta: { workflow_id: 'agent_chat', trace_id: 'trace-vision-1', user_id: 'user-001' },
  input: {
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is the weather like where this photo was taken?' },
          {
            type: 'image_url',
            image_url: { url: 'https://images.example/paris-street.jpg', detail: 'low' },
          },
        ],
      },
    ],
  },
  runtime_config: {
    model: {
      model_name: 'o4-mini',
      base_url: 'https://api.openai.com/v1',
      api_key: 'sk-xxx',
      max_completion_tokens: 4000,
      reasoning_effort: 'low',
      seed: 7,
      tool_choice: 'auto',
      parallel_tool_calls: false,
      extra_body: { metadata: { platform_run: 'run-42' } },
      extra_headers: { 'OpenAI-Project': '{{vault.openai_project}}' },
    },
    tools: ORIGINAL_EXAMPLE_PAYLOAD.runtime_config.tools,
    vault: { weather_api_key: 'xxx', openai_project: 'proj_xxx' },
  },
};

/**
 * A payload that asks for a JSON answer of a schema, falls back to a second provider, prices
 * both models and bounds the run's spend (docs/execution-payload.md, "Structured output" and
 * "Usage, cost and budgets"); Swagger shows it, a test runs it.
 */
export const SPEND_CONTROLLED_EXAMPLE_PAYLOAD = {
  task_meta: { workflow_id: 'agent_chat', trace_id: 'trace-report-1', user_id: 'user-001' },
  input: { messages: [{ role: 'user', content: 'Weather report for Paris, as JSON please.' }] },
  runtime_config: {
    model: {
      model_name: 'gpt-4o',
      base_url: 'https://api.openai.com/v1',
      api_key: 'sk-xxx',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'weather_report',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, celsius: { type: 'number' } },
            required: ['city', 'celsius'],
            additionalProperties: false,
          },
        },
      },
    },
    fallback_models: [
      { model_name: 'gpt-4o-mini', base_url: 'https://gateway.example/v1', api_key: 'sk-yyy' },
    ],
    output_repair_attempts: 1,
    pricing: {
      'gpt-4o': {
        input_per_million: 2.5,
        cached_input_per_million: 1.25,
        output_per_million: 10,
        currency: 'USD',
      },
      'gpt-4o-mini': {
        input_per_million: 0.15,
        cached_input_per_million: 0.075,
        output_per_million: 0.6,
        currency: 'USD',
      },
    },
    budget: {
      max_total_tokens: 20000,
      max_cost: 0.05,
      max_model_calls: 6,
      max_tool_calls: 4,
      max_duration_ms: 60000,
    },
    tools: ORIGINAL_EXAMPLE_PAYLOAD.runtime_config.tools,
    vault: ORIGINAL_EXAMPLE_PAYLOAD.runtime_config.vault,
  },
};
