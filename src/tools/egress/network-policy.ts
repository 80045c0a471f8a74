import { nonPublicReason } from './address-policy.js';
import { type HostRule, parseHostRules, ruleAllows } from './host-rules.js';

/**
 * Where HTTP plugins may connect (issue: network policy): public unicast addresses, plus the
 * exceptions of HTTP_TOOL_ALLOWED_HOSTS. Checked on the address actually connected to, so
 * DNS rebinding and alternative spellings of an address gain nothing.
 */
export class NetworkPolicy {
  private readonly rules: HostRule[];

  constructor(allowedHosts: string) {
    this.rules = parseHostRules(allowedHosts);
  }

  /** Why connecting to `ip` (resolved from `hostname`) on `port` is refused, or undefined. */
  refusal(hostname: string, ip: string, port: number): string | undefined {
    if (this.rules.some((rule) => ruleAllows(rule, hostname, ip, port))) return undefined;
    return nonPublicReason(ip);
  }
}
