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

/** Opens the socket once the policy agreed; injectable so tests never open a real one. */
export type OpenSocket = buildConnector.connector;

const defaultResolveAll: ResolveAll = (hostname, options, callback) =>
  dnsLookup(hostname, options, callback);
const openSocket: OpenSocket = (options, callback) => buildConnector({})(options, callback);

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** DNS answers that mean "no such name": told apart from a refusal, they would map the network. */
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'EAI_NONAME', 'ENODATA']);

/**
 * A refused name says no more than that: not what it resolved to, nor whether it resolved,
 * so refusals cannot be used to map internal DNS (the reason stays on the error for logs).
 */
const refusedName = (hostname: string, reason: string) =>
  new ForbiddenDestinationError(`${hostname} is not an allowed destination`, { cause: reason });

/**
 * The address to connect to for `hostname`:`port`, once the policy agreed: an IP literal as
 * it is, a name only when every address it resolves to passes (the first is used).
 * Fails with ForbiddenDestinationError otherwise.
 */
export function resolveAllowedAddress(
  policy: NetworkPolicy,
  resolveAll: ResolveAll,
  rawHostname: string,
  port: number,
): Promise<LookupAddress> {
  const hostname = rawHostname.replace(/^\[|\]$/g, '');
  const family = isIP(hostname);
  if (family) {
    const refusal = policy.refusal(hostname, hostname, port);
    return refusal
      ? Promise.reject(new ForbiddenDestinationError(`${hostname} is a ${refusal} address`))
      : Promise.resolve({ address: hostname, family });
  }
  return new Promise((resolve, reject) =>
    resolveAll(hostname, { all: true }, (error, addresses) => {
      const code = (error as { code?: string } | null)?.code ?? '';
      if (error && !NO_SUCH_NAME.has(code)) return reject(error);
      const refusal = error
        ? 'does not resolve'
        : addresses.map(({ address }) => policy.refusal(hostname, address, port)).find(Boolean);
      if (refusal || addresses.length === 0)
        return reject(refusedName(hostname, refusal ?? 'does not resolve'));
      resolve(addresses[0]);
    }),
  );
}

/**
 * An undici connector that enforces the network policy when the socket is about to be
 * opened, and then connects to exactly the address that was checked, so a second DNS
 * answer (rebinding) cannot differ from the one that passed.
 */
export function createGuardedConnector(
  policy: NetworkPolicy,
  resolveAll: ResolveAll = defaultResolveAll,
  open: OpenSocket = openSocket,
): buildConnector.connector {
  return (options, callback) => {
    const port = Number(options.port) || defaultPort(options.protocol);
    resolveAllowedAddress(policy, resolveAll, options.hostname, port).then(
      ({ address, family }) => {
        const hostname = family === 6 ? `[${address}]` : address;
        const servername =
          options.servername ||
          (isIP(options.hostname.replace(/^\[|\]$/g, '')) ? undefined : options.hostname);
        open({ ...options, hostname, servername }, callback);
      },
      (error: Error) => callback(error, null),
    );
  };
}

/**
 * The same check for calls that leave through HTTP_TOOL_PROXY_URL, made before the request
 * is sent (the proxy opens the target connection, so it must enforce egress as well).
 */
export function checkDestination(
  policy: NetworkPolicy,
  url: string,
  resolveAll: ResolveAll = defaultResolveAll,
): Promise<unknown> {
  const { hostname, port, protocol } = new URL(url);
  return resolveAllowedAddress(policy, resolveAll, hostname, Number(port) || defaultPort(protocol));
}
