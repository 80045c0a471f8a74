import { TOOL_CHOICE_MODES } from '../../model-gateway/model-request.js';
import { OPENAI_NAME_PATTERN } from './openai-name.decorator.js';
import { rule } from './validation-rule.js';
import { isJsonObject } from '../../common/json/is-json-object.js';

/** OpenAI's `reasoning_effort` values (API reference, gpt-5.1 and later included). */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Fields of the request body only we set: `extra_body` may not carry them. */
export const OWNED_BODY_FIELDS = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'tools',
] as const;

/**
 * Headers only we set: `extra_headers` may not carry them. The credentials go in `api_key`
 * (Authorization: Bearer); a provider's own key header (`api-key`, `x-api-key`) is fine.
 */
export const OWNED_HEADERS = [
  'authorization',
  'content-type',
  'content-length',
  'accept',
  'host',
  'connection',
  'transfer-encoding',
  'x-trace-id',
] as const;

/** Stop sequences one request may carry (OpenAI takes 4; some servers take more). */
export const MAX_STOP_SEQUENCES = 16;
const MAX_STOP_SEQUENCE_LENGTH = 256;

const isStopSequence = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_STOP_SEQUENCE_LENGTH;

/** A stop sequence, or a list of 1 to MAX_STOP_SEQUENCES of them. */
export const IsStop = () =>
  rule(
    'isStop',
    (value) =>
      isStopSequence(value) ||
      (Array.isArray(value) &&
        value.length > 0 &&
        value.length <= MAX_STOP_SEQUENCES &&
        value.every(isStopSequence)),
    `stop must be a string or a list of 1 to ${MAX_STOP_SEQUENCES} strings of 1 to ${MAX_STOP_SEQUENCE_LENGTH} characters`,
  );

/** auto, none, required, or `{type: "function", function: {name}}`. */
export const IsToolChoice = () =>
  rule(
    'isToolChoice',
    (value) =>
      (TOOL_CHOICE_MODES as readonly unknown[]).includes(value) ||
      (isJsonObject(value) &&
        value.type === 'function' &&
        isJsonObject(value.function) &&
        typeof value.function.name === 'string' &&
        OPENAI_NAME_PATTERN.test(value.function.name)),
    `tool_choice must be one of ${TOOL_CHOICE_MODES.join(', ')} or {"type": "function", "function": {"name": …}}`,
  );

/** Token ids (as strings of digits) to biases from -100 to 100. */
export const IsLogitBias = () =>
  rule(
    'isLogitBias',
    (value) =>
      isJsonObject(value) &&
      Object.entries(value).every(
        ([token, bias]) =>
          /^\d{1,10}$/.test(token) && typeof bias === 'number' && bias >= -100 && bias <= 100,
      ),
    'logit_bias must map token ids to numbers from -100 to 100',
  );

/** What in `value` we own, of `owned` (compared without case for headers). */
function ownedKeys(value: unknown, owned: readonly string[], ignoreCase: boolean): string[] {
  if (!isJsonObject(value)) return [];
  return Object.keys(value).filter((key) => owned.includes(ignoreCase ? key.toLowerCase() : key));
}

/** A free object for provider-specific fields, none of OWNED_BODY_FIELDS. */
export const IsExtraBody = () =>
  rule(
    'isExtraBody',
    (value) => isJsonObject(value) && ownedKeys(value, OWNED_BODY_FIELDS, false).length === 0,
    ({ value }) => {
      const owned = ownedKeys(value, OWNED_BODY_FIELDS, false);
      return owned.length > 0
        ? `extra_body must not set ${owned.join(', ')}: the execution plane sets them`
        : 'extra_body must be an object';
    },
  );

/** Header names to string values (`{{vault.KEY}}` allowed), none of OWNED_HEADERS. */
export const IsExtraHeaders = () =>
  rule(
    'isExtraHeaders',
    (value) =>
      isJsonObject(value) &&
      Object.entries(value).every(
        ([name, header]) =>
          /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) &&
          typeof header === 'string' &&
          !/[\r\n\0]/.test(header),
      ) &&
      ownedKeys(value, OWNED_HEADERS, true).length === 0,
    ({ value }) => {
      const owned = ownedKeys(value, OWNED_HEADERS, true);
      // Header names only, never values: these hold credentials.
      return owned.length > 0
        ? `extra_headers must not set ${owned.join(', ')}: the execution plane sets them`
        : 'extra_headers must map header names to string values';
    },
  );
