import type { SecretRedactor } from '../../common/redaction/secret-redactor.js';
import { ToolError } from '../tool.error.js';
import type { EgressResponse } from '../egress/egress-http.client.js';

/** How much of a failed plugin's body its tool error quotes. */
export const ERROR_BODY_PREVIEW_CHARS = 500;
export const TRUNCATION_MARKER = '…[truncated]';

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

function isJson(contentType: string): boolean {
  return /^application\/([^;]*\+)?json/i.test(contentType);
}

/**
 * What the model sees of a plugin's answer: JSON parsed, text kept, binary summarised by type
 * and size; a cut body carries a visible marker. Non-2xx answers become a tool error. A body
 * is masked before it is cut, and a cut never ends in the start of a secret, whatever the
 * plugin's own escaping (SecretRedactor).
 */
export function interpretPluginResponse(
  response: EgressResponse,
  redactor: SecretRedactor,
): unknown {
  const { status, contentType, body, truncated } = response;
  const isText = contentType === '' || TEXT_TYPES.test(contentType);
  const text = isText ? body.toString('utf8') : '';
  if (status < 200 || status >= 300) {
    const masked = redactor.text(text);
    const preview =
      masked.length > ERROR_BODY_PREVIEW_CHARS
        ? `${redactor.cut(masked.slice(0, ERROR_BODY_PREVIEW_CHARS))}${TRUNCATION_MARKER}`
        : masked;
    throw new ToolError(
      'http_error',
      `The plugin answered HTTP ${status}${preview ? `: ${preview}` : ''}`,
    );
  }
  if (!isText) return { binary: true, content_type: contentType, bytes: response.totalBytes };
  if (truncated) return `${redactor.cut(text)}${TRUNCATION_MARKER}`;
  if (isJson(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
