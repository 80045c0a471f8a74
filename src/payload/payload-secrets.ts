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
  /** Credentials: each model's api_key, base_url credentials and extra_headers values, the
   * webhook's header values,
   * every vault value, the request's bearer token. Masked in events, tool results and logs. */
  credentials: string[];
  /** Message contents: never logged (events may carry the model's answer about them). */
  content: string[];
}

/** The strings of a run that must not leak, by where they must not appear. */
export function payloadSecrets(payload: RunWorkflowDto, authorization?: string): PayloadSecrets {
  const { model, fallback_models: fallbacks = [], vault } = payload.runtime_config;
  // A model header's value is a credential as often as not (`api-key`, `OpenAI-Project`).
  const credentials = [
    ...Object.values(vault ?? {}),
    ...Object.values(payload.runtime_config.webhook?.headers ?? {}),
    ...[model, ...fallbacks].flatMap((config) => [
      ...urlPassword(config.base_url),
      ...Object.values(config.extra_headers ?? {}),
      ...(config.api_key ? [config.api_key] : []),
    ]),
  ];
  if (authorization) credentials.push(authorization, authorization.replace(/^Bearer\s+/i, ''));
  const content = payload.input.messages.flatMap((message) => contentStrings(message.content));
  return { credentials: maskableSecrets(credentials), content };
}
