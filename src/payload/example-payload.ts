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
