/**
 * Outbound webhook targets must match the allow-list setting (FLOWCASE_WEBHOOK_ALLOW), so a
 * designer cannot point the server at internal addresses (cloud metadata, the database, admin
 * consoles) by default. An entry is one of:
 *
 * - `hooks.example.com`: that host on its scheme's default port only (443 for https, 80 for http);
 * - `hooks.example.com:8443`: that host on that port only;
 * - `*.example.com` (`:port`): any subdomain (not example.com itself), same port rule;
 * - an address or CIDR block, `203.0.113.7`, `10.1.0.0/16`, `[fd00::1]`, `fd00::/8` (`:port`): URLs
 *   that name such an address, same port rule. Naming an address allows it even when it is
 *   private or loopback (see webhook-address.ts): the administrator wrote it down.
 */
import { inCidr, isCidr, parseIp } from '../ip-address.js';

/** What a URL matched: the entry, and whether it named the address itself. */
export interface AllowedTarget {
  url: URL;
  /** The host without IPv6 brackets: what DNS is asked. */
  host: string;
  port: number;
  entry: string;
  namesAddress: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The URL and the entry it matches, or undefined when it matches none (or is not plain http(s)). */
export function allowedTarget(url: string, allowList: readonly string[]): AllowedTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined || parsed.username || parsed.password) return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  const address = parseIp(host);
  for (const raw of allowList) {
    const rule = parseEntry(raw.trim().toLowerCase());
    if (!rule || (rule.port ?? defaultPort) !== port) continue;
    const matches =
      rule.kind === 'cidr'
        ? address !== undefined && inCidr(address, rule.value)
        : rule.kind === 'wildcard'
          ? address === undefined && host.endsWith(rule.value)
          : rule.value === host;
    if (matches) return { url: parsed, host, port, entry: raw, namesAddress: rule.kind === 'cidr' };
  }
  return undefined;
}

/** Whether `url` may be called at all (before its address is checked). */
export function webhookAllowed(url: string, allowList: readonly string[]): boolean {
  return allowedTarget(url, allowList) !== undefined;
}

interface Entry {
  kind: 'host' | 'wildcard' | 'cidr';
  value: string;
  port: number | undefined;
}

function parseEntry(rule: string): Entry | undefined {
  const bracketed = /^\[([^\]]+)\](?:\/(\d{1,3}))?(?::(\d{1,5}))?$/.exec(rule);
  if (bracketed)
    return cidrEntry(
      bracketed[2] === undefined ? bracketed[1]! : `${bracketed[1]}/${bracketed[2]}`,
      bracketed[3],
    );
  if (isCidr(rule)) return cidrEntry(rule, undefined); // a bare address or block, IPv6 ones included
  const block = /^(.+\/\d{1,3}):(\d{1,5})$/.exec(rule);
  if (block) return cidrEntry(block[1]!, block[2]);
  const hostPort = /^([^:/]+)(?::(\d{1,5}))?$/.exec(rule);
  if (!hostPort) return undefined;
  const [, name, port] = hostPort as unknown as [string, string, string | undefined];
  if (isCidr(name)) return cidrEntry(name, port);
  if (name.startsWith('*.')) return { kind: 'wildcard', value: name.slice(1), port: toPort(port) };
  return { kind: 'host', value: name, port: toPort(port) };
}

function cidrEntry(value: string, port: string | undefined): Entry | undefined {
  return isCidr(value) ? { kind: 'cidr', value, port: toPort(port) } : undefined;
}

function toPort(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}
