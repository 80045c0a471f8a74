import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Max, Min, ValidateBy } from 'class-validator';

/**
 * Property decorators for environment settings. Each failure message names the variable and
 * what it accepts, never the value: a secret pasted into the wrong variable must not end up
 * in a boot log.
 */
export function IntegerSetting(min: number, max: number, unit?: string): PropertyDecorator {
  const accepted = `an integer from ${min} to ${max}${unit ? ` (${unit})` : ''}`;
  const options = {
    message: ({ property }: { property: string }) => `${property} must be ${accepted}`,
  };
  return applyDecorators(
    Type(() => Number),
    IsInt(options),
    Min(min, options),
    Max(max, options),
  );
}

/** Case-insensitive choice; the value is normalised to the case of `choices`. */
export function ChoiceSetting(choices: readonly string[]): PropertyDecorator {
  const upper = choices.every((choice) => choice === choice.toUpperCase());
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string'
        ? upper
          ? value.trim().toUpperCase()
          : value.trim().toLowerCase()
        : value,
    ),
    IsIn(choices, {
      message: ({ property }) => `${property} must be one of ${choices.join(', ')}`,
    }),
  );
}

/** "true"/"false"/"1"/"0" in any case; anything else fails. */
export function BooleanSetting(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const normalised = value.trim().toLowerCase();
      if (normalised === 'true' || normalised === '1') return true;
      if (normalised === 'false' || normalised === '0') return false;
      return value;
    }),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );
}

/** A string setting that `parse` must accept; the message says what it accepts. */
export function ParsedSetting(
  parse: (value: string) => unknown,
  accepted: string,
): PropertyDecorator {
  return ValidateBy({
    name: 'parsedSetting',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          parse(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args) => `${args?.property ?? 'value'} must be ${accepted}`,
    },
  });
}
