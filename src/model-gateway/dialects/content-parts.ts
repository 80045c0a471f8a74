/** Text and reasoning carried by one delta. */
export interface DeltaText {
  text: string;
  reasoning: string;
}

type Part = { type?: unknown; text?: unknown; thinking?: unknown };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((part: Part) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

/**
 * `delta.content` as text and reasoning. Most servers send a string (or null); Mistral's
 * reasoning models send typed parts, `{"type":"thinking","thinking":[{"type":"text",…}]}`
 * then `{"type":"text","text":…}`; gateways in front of Anthropic send `thinking` as a plain
 * string. Parts of other types carry nothing to stream and are skipped.
 */
export function readContent(content: unknown): DeltaText {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content as Part[]) {
    if (part?.type === 'text') text += textOf(part.text);
    else if (part?.type === 'thinking') reasoning += textOf(part.thinking);
  }
  return { text, reasoning };
}

/** Reasoning in its own field: `reasoning_content` (DeepSeek, Qwen) or `reasoning` (vLLM, OpenRouter). */
export function readReasoningField(delta: {
  reasoning_content?: unknown;
  reasoning?: unknown;
}): string {
  if (typeof delta.reasoning_content === 'string') return delta.reasoning_content;
  return typeof delta.reasoning === 'string' ? delta.reasoning : '';
}
