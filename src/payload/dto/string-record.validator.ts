import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A plain object whose values are all strings (vault, headers, query). */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((entry) => typeof entry === 'string'),
        // Names the rule only: these maps hold secrets and must never be quoted.
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object of string values`,
      },
    },
    options,
  );
}
