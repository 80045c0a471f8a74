import type { HttpExecutionConfigDto, HttpMethod } from '../../payload/dto/execution-config.dto.js';
import type { EgressRequest } from '../egress/egress-http.client.js';
import {
  renderHeaders,
  renderJson,
  renderString,
  type TemplateValues,
} from '../egress/request-template.js';
import { isJsonObject } from '../../common/json/is-json-object.js';

const BODYLESS_METHODS = new Set<HttpMethod>(['GET', 'DELETE']);

function queryValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Builds the HTTP request of one plugin call from its execution_config and the model's
 * arguments. Arguments not consumed by a template go to the query string (GET, DELETE) or
 * into the JSON body (POST, PUT, PATCH), as PROTOCOL.md section 2 specifies.
 */
export function buildPluginRequest(
  config: HttpExecutionConfigDto,
  args: Record<string, unknown>,
  vault: Record<string, string>,
): EgressRequest {
  const values: TemplateValues = { vault, args };
  const consumed = new Set<string>();
  const method = config.method ?? 'GET';
  const url = new URL(renderString(config.url, values, consumed, encodeURIComponent));
  for (const [name, template] of Object.entries(config.query ?? {})) {
    url.searchParams.append(name, renderString(template, values, consumed));
  }
  const headers = renderHeaders(config.headers, values, consumed);
  let body =
    config.body === undefined || config.body === null
      ? undefined
      : renderJson(config.body, values, consumed);
  const remaining = Object.entries(args).filter(([name]) => !consumed.has(name));
  if (BODYLESS_METHODS.has(method)) {
    for (const [name, value] of remaining) {
      if (value !== undefined && value !== null) url.searchParams.append(name, queryValue(value));
    }
    return { method, url: url.toString(), headers };
  }
  if (remaining.length > 0) {
    const extra = Object.fromEntries(remaining);
    body = isJsonObject(body) ? { ...body, ...extra } : (body ?? extra);
  }
  return { method, url: url.toString(), headers, body: body ?? {} };
}
