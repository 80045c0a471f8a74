import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The embedded IPv4 address of IPv6 forms that carry one (RFC 4291, 6052, 3056). */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6052': // NAT64 64:ff9b::a.b.c.d
      return new ipaddr.IPv4(bytes.slice(12));
    case '6to4': // 2002:aabb:ccdd::
      return new ipaddr.IPv4(bytes.slice(2, 6));
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291 section 2.5.5.1): first 96 bits zero.
      return bytes.slice(0, 12).every((byte) => byte === 0)
        ? new ipaddr.IPv4(bytes.slice(12))
        : undefined;
  }
}

/**
 * Why an address is not a public unicast destination ("loopback", "private", …), or
 * undefined when it is one. Only ipaddr.js's `unicast` range passes: loopback, RFC 1918,
 * CGNAT, link-local (169.254.169.254 included), unspecified, broadcast, multicast, reserved,
 * IPv6 ULA and link-local, Teredo, and every IPv6 form that embeds a non-public IPv4.
 */
export function nonPublicReason(ip: string): string | undefined {
  let address: Address;
  try {
    address = ipaddr.parse(ip);
  } catch {
    return 'not an IP address';
  }
  // ::1 and :: would otherwise read as the IPv4-compatible forms of 0.0.0.1 and 0.0.0.0.
  const ownRange = address.range();
  if (ownRange === 'loopback' || ownRange === 'unspecified') return ownRange;
  if (address.kind() === 'ipv6') {
    const embedded = embeddedIpv4(address as ipaddr.IPv6);
    if (embedded) {
      const reason = nonPublicReason(embedded.toString());
      return reason ? `${reason} (embedded in IPv6)` : undefined;
    }
  }
  return ownRange === 'unicast' ? undefined : ownRange;
}
