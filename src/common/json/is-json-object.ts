/** A JSON object: not null, not an array (what `typeof … === 'object'` alone lets through). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
