import { RequestError } from '../../common/errors/execution-plane.error.js';
import { AG_UI_PROTOCOL } from './ag-ui.protocol.js';
import { AI_SDK_PROTOCOL } from './ai-sdk.protocol.js';
import { NATIVE_PROTOCOL, type WireProtocol } from './wire-protocol.js';

/**
 * Every wire protocol, the one list: `?protocol=` names, the OpenAPI enums and the lookup
 * derive from it. A new protocol is one file and one entry here.
 */
const PROTOCOLS = [NATIVE_PROTOCOL, AG_UI_PROTOCOL, AI_SDK_PROTOCOL] as const;

export type WireProtocolName = (typeof PROTOCOLS)[number]['name'];
export const WIRE_PROTOCOLS = PROTOCOLS.map((protocol) => protocol.name);

const BY_NAME = new Map<string, WireProtocol>(
  PROTOCOLS.map((protocol) => [protocol.name, protocol]),
);
if (BY_NAME.size !== PROTOCOLS.length) throw new Error('Two wire protocols share a name');

/** The protocol a request asks for with `?protocol=` (native when absent); 400 when unknown. */
export function wireProtocolOf(requested: string | undefined): WireProtocol {
  if (requested === undefined || requested === '') return NATIVE_PROTOCOL;
  const protocol = BY_NAME.get(requested);
  if (protocol) return protocol;
  const message = `must be one of: ${WIRE_PROTOCOLS.join(', ')}`;
  throw new RequestError('invalid_payload', `protocol ${message}`, [{ path: 'protocol', message }]);
}
