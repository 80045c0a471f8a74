import { compileSchema, schemaErrorsText } from '../common/json-schema/json-schema.compiler.js';
import type { JsonSchema } from './tool.types.js';

/** Returns the reasons the arguments break the schema (ajv's messages), or undefined. */
export type ArgumentsCheck = (args: unknown) => string | undefined;

/**
 * Compiles a tool's parameter schema (compileSchema: cached, draft-07 or 2020-12). Throws
 * with ajv's reason when the schema itself is invalid.
 */
export function compileArgumentsCheck(schema: JsonSchema): ArgumentsCheck {
  const validate = compileSchema(schema);
  return (args) => (validate(args) ? undefined : schemaErrorsText(validate, 'arguments'));
}
