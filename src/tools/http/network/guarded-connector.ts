import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { ForbiddenDestinationError } from './forbidden-destination.error.js';
import type { NetworkPolicy } from './network-policy.js';

/** dns.lookup with `all: true`, injectable so tests can resolve names without DNS. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void;

const defaultResolveAll: ResolveAll = (hostname, options, callback) =>
  dnsLookup(hostname, options, callback);

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/**
 * An undici connector that enforces the network policy when the socket is about to be
 * opened: IP literals are checked as they are, names on every address they resolve to (all
 * must pass), and the connection then goes to exactly the address that was checked.
 */
/** Opens the socket once the policy agreed; injectable so tests never open a real one. */
export type OpenSocket = buildConnector.connector;
const openSocket: OpenSocket = (options, callback) => buildConnector({})(options, callback);

export function createGuardedConnector(
  policy: NetworkPolicy,
  resolveAll: ResolveAll = defaultResolveAll,
  open: OpenSocket = openSocket,
): buildConnector.connector {
  return (options, callback) => {
    const hostname = options.hostname.replace(/^\[|\]$/g, '');
    const port = Number(options.port) || defaultPort(options.protocol);
    if (isIP(hostname)) {
      const refusal = policy.refusal(hostname, hostname, port);
      if (refusal) return callback(new ForbiddenDestinationError(refusal), null);
      return open(options, callback);
    }
    resolveAll(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, null);
      const refusal = addresses
        .map(({ address }) => policy.refusal(hostname, address, port))
        .find(Boolean);
      if (refusal || addresses.length === 0) {
        return callback(
          new ForbiddenDestinationError(refusal ?? `${hostname} does not resolve`),
          null,
        );
      }
      const [first] = addresses;
      // Connect to the checked address itself, so a second resolution cannot differ.
      const address = first.family === 6 ? `[${first.address}]` : first.address;
      open({ ...options, hostname: address, servername: options.servername || hostname }, callback);
    });
  };
}
