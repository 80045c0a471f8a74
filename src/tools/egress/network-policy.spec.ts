import type { LookupAddress } from 'node:dns';
import { createGuardedConnector, type OpenSocket, type ResolveAll } from './guarded-connector.js';
import { ForbiddenDestinationError } from './forbidden-destination.error.js';
import { NetworkPolicy } from './network-policy.js';

/** A resolver that never asks DNS: names map to the given addresses. */
function stubResolver(table: Record<string, string[]>): ResolveAll {
  return (hostname, _options, callback) => {
    const addresses: LookupAddress[] = (table[hostname] ?? []).map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    const notFound = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
    });
    process.nextTick(() => callback(addresses.length ? null : notFound, addresses));
  };
}

/** Addresses the connector would have opened a socket to; none is ever opened here. */
const opened: string[] = [];
const neverOpen: OpenSocket = (options, callback) => {
  opened.push(options.hostname);
  callback(new Error('test: sockets are not opened'), null);
};

/** Runs the connector: the policy's refusal, or the stub opener's error when it agreed. */
function connectVia(
  policy: NetworkPolicy,
  url: string,
  resolve: ResolveAll,
): Promise<Error | null> {
  const { hostname, port, protocol } = new URL(url);
  const connector = createGuardedConnector(policy, resolve, neverOpen);
  return new Promise((done) =>
    connector(
      { hostname, host: hostname, port, protocol } as never,
      ((error: Error | null) => done(error)) as never,
    ),
  );
}

const resolver = stubResolver({
  localhost: ['127.0.0.1', '::1'],
  'rebind.test': ['93.184.216.34', '10.0.0.7'],
});

describe('network policy for HTTP plugins', () => {
  const policy = new NetworkPolicy('');

  it.each([
    '127.0.0.1',
    'localhost',
    '0.0.0.0',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '2130706433',
    '0x7f.1',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '[fd00::1]',
    '[fe80::1]',
    '[64:ff9b::7f00:1]',
    '[2002:a00:1::]',
    '[::7f00:1]',
    '224.0.0.1',
    '255.255.255.255',
  ])('refuses http://%s/ before any socket opens', async (host) => {
    opened.length = 0;
    const error = await connectVia(policy, `http://${host}/v1/query`, resolver);
    expect(error).toBeInstanceOf(ForbiddenDestinationError);
    expect(opened).toEqual([]);
  });

  it('opens the socket to exactly the address it checked', async () => {
    opened.length = 0;
    const error = await connectVia(
      new NetworkPolicy('127.0.0.1'),
      'http://localhost:8080/',
      stubResolver({ localhost: ['127.0.0.1'] }),
    );
    expect(error?.message).toBe('test: sockets are not opened');
    expect(opened).toEqual(['127.0.0.1']);
  });

  it('refuses a name when any of its addresses is private (DNS rebinding)', async () => {
    expect(await connectVia(policy, 'http://rebind.test/', resolver)).toBeInstanceOf(
      ForbiddenDestinationError,
    );
  });

  it('lets public unicast addresses through (checked without connecting)', () => {
    expect(policy.refusal('example.com', '93.184.216.34', 443)).toBeUndefined();
    expect(
      policy.refusal('example.com', '2606:2800:220:1:248:1893:25c8:1946', 443),
    ).toBeUndefined();
  });

  it('opens exceptions by IP, CIDR, name and port', () => {
    const open = new NetworkPolicy(
      '127.0.0.1, 10.1.0.0/16:8443, plugins.internal, [fd00::/8]:9000',
    );
    expect(open.refusal('127.0.0.1', '127.0.0.1', 1234)).toBeUndefined();
    expect(open.refusal('x', '::ffff:127.0.0.1', 80)).toBeUndefined();
    expect(open.refusal('x', '10.1.2.3', 8443)).toBeUndefined();
    expect(open.refusal('x', '10.1.2.3', 80)).toMatch(/private/);
    expect(open.refusal('plugins.internal', '10.9.9.9', 80)).toBeUndefined();
    expect(open.refusal('x', 'fd00::5', 9000)).toBeUndefined();
    expect(open.refusal('x', 'fd00::5', 9001)).toMatch(/uniqueLocal/);
    const portOnly = new NetworkPolicy('127.0.0.1:4000');
    expect(portOnly.refusal('127.0.0.1', '127.0.0.1', 4001)).toMatch(/loopback/);
  });

  it('labels ::1 as loopback and :: as unspecified (not as embedded IPv4)', () => {
    expect(policy.refusal('x', '::1', 80)).toBe('loopback');
    expect(policy.refusal('x', '::', 80)).toBe('unspecified');
    expect(policy.refusal('x', '::7f00:1', 80)).toBe('loopback (embedded in IPv6)');
  });

  it('a refused name does not tell what it resolved to, or whether it resolved', async () => {
    const messages = await Promise.all(
      ['http://localhost/', 'http://rebind.test/', 'http://no-such-name.test/'].map(
        async (url) => (await connectVia(policy, url, resolver))?.message,
      ),
    );
    expect(messages).toEqual([
      'localhost is not an allowed destination',
      'rebind.test is not an allowed destination',
      'no-such-name.test is not an allowed destination',
    ]);
    expect((await connectVia(policy, 'http://10.0.0.1/', resolver))?.message).toBe(
      '10.0.0.1 is a private address',
    );
  });

  it('rejects unreadable allow-list entries', () => {
    expect(() => new NetworkPolicy('10.0.0.0/99')).toThrow();
    expect(() => new NetworkPolicy('host:99999')).toThrow();
    expect(() => new NetworkPolicy('bad host')).toThrow();
  });
});
