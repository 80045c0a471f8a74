/** A valid payload for the model-free `echo` workflow; `overrides` replace top-level parts. */
export function echoPayload(
  text: string,
  variables: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    task_meta: { workflow_id: 'echo' },
    input: { messages: [{ role: 'user', content: text }], variables },
    runtime_config: { model: { model_name: 'none', base_url: 'http://127.0.0.1:9/v1' } },
  };
}
