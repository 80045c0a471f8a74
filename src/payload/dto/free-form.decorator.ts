import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ReplacedByTransform } from './replaced-by-transform.decorator.js';

/**
 * Keeps a free-form value (variables, JSON Schemas, bodies, the vault) exactly as the
 * client sent it: class-transformer would otherwise rebuild nested objects.
 */
export function FreeForm(): PropertyDecorator {
  return applyDecorators(
    ReplacedByTransform(),
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => obj[key], {
      toClassOnly: true,
    }),
  );
}
