/**
 * Where a webhook may connect. A name on the allow-list is no proof of where it leads: its DNS
 * record can point at 127.0.0.1, the cloud metadata service (169.254.169.254) or the office
 * network, or change between our check and the connection (DNS rebinding). So the host is
 * resolved at delivery time, every address it resolves to must be public unless the setting
 * FLOWCASE_WEBHOOK_ALLOW_PRIVATE (addresses/CIDRs) or an allow-list entry naming the address
 * allows it, and the call then connects to the address that was checked (webhook-request.ts).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { embeddedIpv4, inCidr, parseIp } from '../ip-address.js';
import type { AllowedTarget } from './webhook-allow-list.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of `host`, as the system resolver gives them (an IP literal resolves to itself). */
export type WebhookLookup = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: WebhookLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Ranges no webhook reaches unless allowed by name: loopback, private, link-local and the like. */
const NON_PUBLIC: readonly [string, string][] = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'local NAT64'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];

/**
 * Why `address` is not a public address (the range and its kind), or undefined when it is. An IPv6
 * address carrying an IPv4 one (IPv4-mapped, -compatible, NAT64, 6to4) is judged by that one too.
 */
export function nonPublicRange(address: string): string | undefined {
  const bytes = parseIp(address);
  if (!bytes) return 'not an IP address';
  for (const [cidr, kind] of NON_PUBLIC) if (inCidr(bytes, cidr)) return `${kind}, ${cidr}`;
  const inner = embeddedIpv4(bytes) ?? (inCidr(bytes, '2002::/16') ? bytes.slice(2, 6) : undefined);
  if (!inner) return undefined;
  const range = nonPublicRange(inner.join('.'));
  return range === undefined ? undefined : `${range}, inside the IPv6 address`;
}

/**
 * The address to connect to for `target`: the first one it resolves to, after all of them passed.
 * Throws a permanent error (no retry: the answer would be the same) naming the refused address.
 */
export async function checkedAddress(
  target: AllowedTarget,
  allowPrivate: readonly string[],
  lookup: WebhookLookup,
): Promise<ResolvedAddress> {
  const addresses = await lookup(target.host);
  if (addresses.length === 0) throw new Error(`The webhook host ${target.host} resolves to no address.`);
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range === undefined || target.namesAddress || privateAllowed(address, allowPrivate)) continue;
    throw Object.assign(
      new Error(
        `The webhook target ${target.url.href} resolves to ${address}, which is not a public address (${range}); ` +
          'name it in FLOWCASE_WEBHOOK_ALLOW or FLOWCASE_WEBHOOK_ALLOW_PRIVATE to allow it.',
      ),
      { permanent: true },
    );
  }
  return addresses[0]!;
}

function privateAllowed(address: string, allowPrivate: readonly string[]): boolean {
  const bytes = parseIp(address);
  if (!bytes) return false;
  const inner = embeddedIpv4(bytes);
  return allowPrivate.some((cidr) => inCidr(bytes, cidr) || (inner !== undefined && inCidr(inner, cidr)));
}
