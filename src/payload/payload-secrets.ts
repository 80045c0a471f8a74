import type { RunWorkflowDto } from './dto/run-workflow.dto.js';
import { maskableSecrets } from '../common/redaction/mask-secrets.js';
import { contentStrings } from './message-content.js';

function urlPassword(url: string): string[] {
  try {
    const { username, password } = new URL(url);
    return [username, password].filter(Boolean).map(decodeURIComponent);
  } catch {
    return [];
  }
}

export interface PayloadSecrets {
  /** Credentials: the model api_key and base_url credentials, its extra_headers values,
   * every vault value, the request's bearer token. Masked in events, tool results and logs. */
  credentials: string[];
  /** Message contents: never logged (events may carry the model's answer about them). */
  content: string[];
}

/** The strings of a run that must not leak, by where they must not appear. */
export function payloadSecrets(payload: RunWorkflowDto, authorization?: string): PayloadSecrets {
  const { model, vault } = payload.runtime_config;
  // A model header's value is a credential as often as not (`api-key`, `OpenAI-Project`).
  const credentials = [
    ...urlPassword(model.base_url),
    ...Object.values(vault ?? {}),
    ...Object.values(model.extra_headers ?? {}),
  ];
  if (model.api_key) credentials.push(model.api_key);
  if (authorization) credentials.push(authorization, authorization.replace(/^Bearer\s+/i, ''));
  const content = payload.input.messages.flatMap((message) => contentStrings(message.content));
  return { credentials: maskableSecrets(credentials), content };
}
