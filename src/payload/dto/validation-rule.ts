import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * A class-validator rule of our own: `validate` sees the value and the object it sits on;
 * `message` names the rule, never the value (these fields may hold secrets).
 */
export function rule(
  name: string,
  validate: (value: unknown, args?: ValidationArguments) => boolean,
  message: string | ((args: ValidationArguments) => string),
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: { validate, defaultMessage: typeof message === 'string' ? () => message : message },
  });
}
