// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editor holds whatever JSON is typed
type Payload = Record<string, any>;

/** A file as a `data:` URL (what an `image_url` content part carries). */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * The payload with an `image_url` part added to its last user message, whose text becomes a
 * `text` part (docs/execution-payload.md, "Content parts"). Undefined without a user message.
 */
export function withImage(payload: Payload, dataUrl: string): Payload | undefined {
  const messages: Payload[] = payload.input?.messages ?? [];
  const last = messages.findLast((message) => message?.role === 'user');
  if (!last) return undefined;
  const parts: Payload[] = Array.isArray(last.content)
    ? last.content
    : last.content
      ? [{ type: 'text', text: String(last.content) }]
      : [];
  last.content = [...parts, { type: 'image_url', image_url: { url: dataUrl } }];
  return payload;
}
