/**
 * IP addresses as bytes, for the two places that reason about them: the login limits (which count
 * an IPv6 client by its /64, the smallest block a home or a server is given) and the webhook
 * target check (which refuses private and internal ranges, also when written as IPv6).
 */
import { isIPv4, isIPv6 } from 'node:net';

/** 4 bytes for IPv4, 16 for IPv6 (a zone index such as `%eth0` dropped); undefined for anything else. */
export function parseIp(text: string): Uint8Array | undefined {
  const ip = text.replace(/%.*$/, '');
  if (isIPv4(ip)) return Uint8Array.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) return undefined;
  let tail: number[] = [];
  let head = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted) {
    tail = dotted[1]!.split('.').map(Number);
    head = ip.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (s: string | undefined) =>
    s
      ? s
          .split(':')
          .filter((g) => g !== '')
          .map((g) => parseInt(g, 16))
      : [];
  const l = groups(left);
  const r = groups(right);
  const words = right === undefined ? l : [...l, ...Array<number>(8 - l.length - r.length).fill(0), ...r];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  if (dotted) bytes.set(tail, 12);
  return bytes;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * The IPv4 address an IPv6 one carries and reaches: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
 * (`::a.b.c.d`) and the NAT64 well-known prefix (`64:ff9b::a.b.c.d`).
 */
export function embeddedIpv4(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length !== 16) return undefined;
  const mapped = startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
  const compatible =
    startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) && (bytes[12]! | bytes[13]!) !== 0;
  const nat64 = startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]);
  return mapped || compatible || nat64 ? bytes.slice(12) : undefined;
}

/** Whether `bytes` lies in `cidr` (`10.0.0.0/8`, `fc00::/7`, or a single address). */
export function inCidr(bytes: Uint8Array, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const net = parseIp(base ?? '');
  if (!net || net.length !== bytes.length) return false;
  const bits = bitsText === undefined ? net.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > net.length * 8) return false;
  for (let i = 0; i < net.length; i++) {
    const take = Math.min(8, Math.max(0, bits - i * 8));
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
    if ((bytes[i]! & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

/** Whether `text` is an address or a CIDR block that `inCidr` understands. */
export function isCidr(text: string): boolean {
  const [base, bits, extra] = text.split('/');
  const net = parseIp(base ?? '');
  if (!net || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= net.length * 8);
}

/**
 * The address a login limit counts: IPv4 as it is (also when it arrives IPv4-mapped), IPv6 by its
 * /64, since one subscriber holds a whole /64 and could otherwise try from 2^64 addresses.
 */
export function clientKey(ip: string): string {
  const bytes = parseIp(ip);
  if (!bytes) return ip;
  const v4 = bytes.length === 4 ? bytes : embeddedIpv4(bytes);
  if (v4 && (bytes.length === 4 || startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])))
    return v4.join('.');
  const words = [];
  for (let i = 0; i < 8; i += 2) words.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${words.join(':')}::/64`;
}
