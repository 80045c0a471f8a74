import { plainToInstance } from 'class-transformer';

/**
 * `item` as the instance of the DTO its `type` names in `dtos` (tool specs, content parts),
 * or of `fallback` when the type is unknown, so validation names the bad `type`.
 */
export function discriminatedInstance<Base extends object>(
  item: object,
  dtos: Readonly<Record<string, new () => Base>>,
  fallback: new () => Base,
): Base {
  const type = (item as { type?: unknown }).type;
  const dto = typeof type === 'string' && Object.hasOwn(dtos, type) ? dtos[type] : fallback;
  return plainToInstance(dto, item);
}
