import type { EgressCall } from './egress-http.client.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin (as the Fetch standard does). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * The request to send after a redirect answer, or undefined when the answer is final.
 * 303 (and 301/302 after a POST) switch to GET without a body; 307/308 keep both. Only
 * http(s) targets without credentials are followed; credentials headers stay on their origin.
 */
export function nextHop(
  call: EgressCall,
  status: number,
  location: string | string[] | undefined,
): EgressCall | undefined {
  if (!REDIRECT_STATUSES.has(status) || typeof location !== 'string') return undefined;
  const target = new URL(location, call.url);
  if (
    (target.protocol !== 'http:' && target.protocol !== 'https:') ||
    target.username ||
    target.password
  ) {
    return undefined;
  }
  const keepsMethod =
    status === 307 || status === 308 || (call.method !== 'POST' && status !== 303);
  const sameOrigin = target.origin === new URL(call.url).origin;
  const headers = sameOrigin
    ? call.headers
    : Object.fromEntries(
        Object.entries(call.headers).filter(
          ([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase()),
        ),
      );
  return {
    ...call,
    url: target.toString(),
    method: keepsMethod ? call.method : 'GET',
    body: keepsMethod ? call.body : undefined,
    headers,
  };
}
