import type { ErrorObject } from 'ajv';
import { compileSchema, type JsonSchema } from '../../common/json-schema/json-schema.compiler.js';
import type { ResponseFormatDto } from '../../payload/dto/response-format.dto.js';
import { isJsonObject } from '../../common/json/is-json-object.js';

/** What a final answer is, checked against the run's JSON response_format. */
export type OutputVerdict =
  | { valid: true; output: unknown }
  /**
   * `errors` names schema places and rules only (the `invalid_output` error: no model text);
   * `forModel` is ajv's own messages with the answer's paths, for a repair request.
   */
  | { valid: false; errors: string[]; forModel: string[] };

export type OutputCheck = (answer: string) => OutputVerdict;

const NOT_JSON = 'the answer is not JSON';
const NOT_OBJECT = 'the answer is not a JSON object';

/** ajv's errors twice: by schema place (safe to report) and by answer place (for the model). */
function verdictOf(errors: ErrorObject[]): OutputVerdict {
  return {
    valid: false,
    errors: errors.map((error) => `${error.schemaPath} ${error.message ?? 'is invalid'}`),
    forModel: errors.map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    ),
  };
}

function parsed(answer: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(answer) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The check of a run's final answer for its `response_format`: `json_object` wants a JSON
 * object (what OpenAI's JSON mode promises), `json_schema` JSON valid against the schema
 * (ajv; any JSON without one). Undefined for text or no format: nothing to check.
 */
export function outputCheckOf(format: ResponseFormatDto | undefined): OutputCheck | undefined {
  if (format?.type !== 'json_object' && format?.type !== 'json_schema') return undefined;
  const schema = format.json_schema?.schema;
  const validate = schema ? compileSchema(schema as JsonSchema) : undefined;
  return (answer) => {
    const json = parsed(answer);
    if (!json) return { valid: false, errors: [NOT_JSON], forModel: [NOT_JSON] };
    if (format.type === 'json_object' && !isJsonObject(json.value))
      return { valid: false, errors: [NOT_OBJECT], forModel: [NOT_OBJECT] };
    if (validate && !validate(json.value)) return verdictOf(validate.errors ?? []);
    return { valid: true, output: json.value };
  };
}
