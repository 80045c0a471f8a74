import type { RunWorkflowDto } from '../../payload/dto/run-workflow.dto.js';

function urlPassword(url: string): string[] {
  try {
    const { username, password } = new URL(url);
    return [username, password].filter(Boolean).map(decodeURIComponent);
  } catch {
    return [];
  }
}

/**
 * Every string of a payload that must never reach a log line, event or error: the model
 * api_key and base_url credentials, every vault value, every message content, and the
 * bearer token the request came with.
 */
export function payloadSecrets(payload: RunWorkflowDto, authorization?: string): string[] {
  const { model, vault } = payload.runtime_config;
  const secrets = [...urlPassword(model.base_url), ...Object.values(vault ?? {})];
  if (model.api_key) secrets.push(model.api_key);
  if (authorization) secrets.push(authorization, authorization.replace(/^Bearer\s+/i, ''));
  for (const message of payload.input.messages) if (message.content) secrets.push(message.content);
  return secrets;
}
