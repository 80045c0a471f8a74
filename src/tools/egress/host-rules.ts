import ipaddr from 'ipaddr.js';

/** One HTTP_TOOL_ALLOWED_HOSTS entry: a host name, an IP or a CIDR, optionally with a port. */
type HostMatcher =
  { kind: 'name'; name: string } | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };
export type HostRule = HostMatcher & { port?: number };

const WITH_PORT = /^(?:\[(?<bracketed>[^\]]+)\]|(?<plain>[^:]+))(?::(?<port>\d{1,5}))?$/;

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function parseHost(host: string): HostMatcher {
  if (host.includes('/')) return { kind: 'range', range: ipaddr.parseCIDR(host) };
  if (ipaddr.isValid(host)) {
    const address = ipaddr.parse(host);
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  }
  if (!/^[a-z0-9.-]+$/i.test(host)) throw new Error('not a host name');
  return { kind: 'name', name: normaliseName(host) };
}

/**
 * Parses `host[:port]` entries separated by commas; IPv6 hosts go in brackets when a port
 * follows (`[fd00::/8]:8443`). Throws on the first entry it cannot read.
 */
export function parseHostRules(list: string): HostRule[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      // A bare IPv6 address or range (several colons, no brackets) has no port.
      const bareIpv6 = !entry.startsWith('[') && entry.split(':').length > 2;
      const groups = bareIpv6 ? { plain: entry } : WITH_PORT.exec(entry)?.groups;
      const host = groups?.bracketed ?? groups?.plain;
      if (!host) throw new Error(`cannot read '${entry}'`);
      const port = groups?.port ? Number(groups.port) : undefined;
      if (port !== undefined && (port < 1 || port > 65535))
        throw new Error(`bad port in '${entry}'`);
      return { ...parseHost(host), port };
    });
}

function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Whether a rule lets a connection to `ip` (for the URL's `hostname`) on `port` through. */
export function ruleAllows(rule: HostRule, hostname: string, ip: string, port: number): boolean {
  if (rule.port !== undefined && rule.port !== port) return false;
  if (rule.kind === 'name') return normaliseName(hostname) === rule.name;
  const address = unmapped(ipaddr.parse(ip));
  const [network, bits] = rule.range;
  return address.kind() === network.kind() && address.match(network, bits);
}
