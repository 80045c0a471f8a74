import { applyDecorators } from '@nestjs/common';
import { Exclude, Transform, Type } from 'class-transformer';

/**
 * A class that exposes no property: class-transformer makes an empty instance of it for a
 * value of this type instead of copying the value (its "excludeAll" strategy).
 */
@Exclude()
class NotCopied {}

/**
 * The property's value is what `replace` makes of the value as sent (free-form values kept as
 * they are, tool specs and prices as their DTOs). class-transformer converts a nested value
 * before any `@Transform` runs and then throws its result away, so a JSON Schema or a list of
 * tool specs was copied object by object for nothing (docs/performance.md, lever 17). Typed
 * as `NotCopied`, what it makes first is an empty object per object.
 */
export function ReplacedBy(replace: (sent: unknown) => unknown): PropertyDecorator {
  return applyDecorators(
    Type(() => NotCopied),
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => replace(obj[key]), {
      toClassOnly: true,
    }),
  );
}
