import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;

/** Compiled validators kept across runs, keyed by the schema's JSON; the oldest go first. */
export const VALIDATOR_CACHE_ENTRIES = 500;

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

// strict: false accepts the extra keywords real schemas carry (examples, x-…).
const draft07 = addFormats(new Ajv({ allErrors: true, strict: false }));
const draft2020 = addFormats(new Ajv2020({ allErrors: true, strict: false }) as unknown as Ajv);
const cache = new Map<string, ValidateFunction>();

/**
 * Compiles a payload's JSON Schema (draft-07, or 2020-12 when its `$schema` says so), once
 * per distinct schema. Throws with ajv's reason when the schema itself is invalid.
 */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const ajv = String(schema.$schema ?? '').includes('2020-12') ? draft2020 : draft07;
  const validate = ajv.compile(schema);
  // ajv keeps every compiled schema by object identity; payload schemas are new objects on
  // every run, so it would grow without bound. The compiled function stays usable.
  ajv.removeSchema(schema);
  cache.set(key, validate);
  if (cache.size > VALIDATOR_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return validate;
}

/** ajv's messages for the last validation of `validate`, naming the data `dataVar`. */
export function schemaErrorsText(validate: ValidateFunction, dataVar: string): string {
  return draft07.errorsText(validate.errors, { dataVar, separator: '; ' });
}
