import { RequestError } from '../../common/errors/execution-plane.error.js';
import { AG_UI_PROTOCOL } from './ag-ui.protocol.js';
import { AI_SDK_PROTOCOL } from './ai-sdk.protocol.js';
import {
  NATIVE_PROTOCOL,
  WIRE_PROTOCOLS,
  type WireProtocol,
  type WireProtocolName,
} from './wire-protocol.js';

/** Keyed by WIRE_PROTOCOLS: a name added there without its protocol here does not compile. */
const BY_NAME: Record<WireProtocolName, WireProtocol> = {
  native: NATIVE_PROTOCOL,
  'ag-ui': AG_UI_PROTOCOL,
  'ai-sdk': AI_SDK_PROTOCOL,
};

/** The protocol a request asks for with `?protocol=` (native when absent); 400 when unknown. */
export function wireProtocolOf(requested: string | undefined): WireProtocol {
  if (requested === undefined || requested === '') return NATIVE_PROTOCOL;
  if (Object.hasOwn(BY_NAME, requested)) return BY_NAME[requested as WireProtocolName];
  const message = `must be one of: ${WIRE_PROTOCOLS.join(', ')}`;
  throw new RequestError('invalid_payload', `protocol ${message}`, [{ path: 'protocol', message }]);
}
