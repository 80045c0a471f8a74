import { Exclude, Type } from 'class-transformer';

/**
 * A class that exposes no property: class-transformer makes an empty instance of it for a
 * value of this type instead of copying the value (its "excludeAll" strategy).
 */
@Exclude()
class NotCopied {}

/**
 * For a property whose `@Transform` replaces the value: class-transformer converts a nested
 * value before any `@Transform` runs and then throws its result away, so a free-form JSON
 * Schema or a list of tool specs was copied object by object for nothing (docs/performance.md,
 * lever 17). Typed as `NotCopied`, what it makes first is an empty object per object.
 */
export function ReplacedByTransform(): PropertyDecorator {
  return Type(() => NotCopied);
}
