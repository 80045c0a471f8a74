/**
 * A Chat Completions stream chunk as OpenAI-compatible servers really send it: every field
 * optional, some in more than one shape (docs/model-gateway.md, "Provider compatibility").
 */
export interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  /** OpenAI (and vLLM, DeepSeek, OpenRouter): prompt tokens served from the provider's cache. */
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  /** OpenAI reasoning models (and OpenRouter, xAI): hidden reasoning tokens of the answer. */
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

export interface RawToolCallFragment {
  /** Absent (Gemini, older Ollama) or 0 for every call (vLLM, SGLang, lmdeploy). */
  index?: number;
  /** On the first fragment only, `""` after it, or repeated on every fragment. */
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null };
}

export interface RawDelta {
  role?: string | null;
  /** A string, null, or typed parts (`text`, `thinking`: Mistral's reasoning models). */
  content?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
  tool_calls?: RawToolCallFragment[] | null;
}

export interface RawChoice {
  index?: number;
  delta?: RawDelta | null;
  finish_reason?: string | null;
  /** Moonshot puts the usage here, on the choice of the last chunk. */
  usage?: RawUsage | null;
}

export interface RawCompletionChunk {
  id?: string;
  choices?: RawChoice[] | null;
  usage?: RawUsage | null;
  /** Groq's usage, beside the choices. */
  x_groq?: { usage?: RawUsage | null } | null;
}
