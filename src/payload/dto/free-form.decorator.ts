import { ReplacedBy } from './replaced-by.decorator.js';

/**
 * Keeps a free-form value (variables, JSON Schemas, bodies, the vault) exactly as the
 * client sent it: class-transformer would otherwise rebuild nested objects.
 */
export const FreeForm = (): PropertyDecorator => ReplacedBy((sent) => sent);
