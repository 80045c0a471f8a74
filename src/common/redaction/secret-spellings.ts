import { jsonEscaped, MIN_MASKED_SECRET_LENGTH } from './mask-secrets.js';

/**
 * The base64 text every encoding of `secret` contains, whatever bytes come before it: for each
 * of the three alignments the secret can have in the encoded stream, the characters that
 * depend on the secret's bytes alone (the edges, mixed with neighbouring bytes, are left).
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor(((offset + bytes.length) * 4) / 3);
    const core = encoded.slice(start, end);
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

/**
 * Every form a secret takes where it can leak: raw; JSON-escaped (inside a JSON string),
 * twice (a JSON string inside a JSON string) and with `\/` for `/` (PHP's json_encode);
 * URL-encoded with `%20` and with `+` for spaces (query strings, forms); and base64,
 * standard and URL-safe, in every alignment (a Basic header, a token in a JWT). Forms too
 * short to tell apart from ordinary text are left out.
 */
export function spellingsOf(secret: string): string[] {
  const escaped = jsonEscaped(secret);
  const forms = [
    secret,
    escaped,
    jsonEscaped(escaped),
    escaped.replaceAll('/', '\\/'),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...base64Cores(secret),
  ];
  return [...new Set(forms)].filter((form) => form.length >= MIN_MASKED_SECRET_LENGTH);
}
