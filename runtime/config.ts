/**
 * Server settings, read once from the environment. Everything has a default that works on a fresh
 * machine: SQLite in ./data, port 3000, demo users on.
 */
import path from 'node:path';
import { isCidr } from './ip-address.js';

export interface Config {
  port: number;
  /**
   * The address to listen on (HOST): 127.0.0.1 unless set, since a fresh server holds demo accounts
   * whose passwords were printed; `0.0.0.0` (or `::`) serves other machines.
   */
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  demo: boolean;
  smtpUrl?: string;
  /**
   * Hosts outbound webhooks may call (FLOWCASE_WEBHOOK_ALLOW): `host` (its scheme's default port
   * only), `host:port`, `*.example.com`, or addresses/CIDRs (see jobs/webhook-allow-list.ts); empty
   * means none.
   */
  webhookAllowList: string[];
  /**
   * Private, loopback or link-local addresses/CIDRs a webhook host may resolve to
   * (FLOWCASE_WEBHOOK_ALLOW_PRIVATE); any other such address is refused at delivery time.
   */
  webhookAllowPrivate?: string[];
  /** IANA time zone for "today", date buckets and autonumber dates. */
  timeZone: string;
  /** How long a bearer token or session lives. */
  tokenTtlMs: number;
  /** Largest upload, in bytes. */
  maxUploadBytes: number;
  logLevel: string;
  /** Secret for signing outbound webhooks (Standard Webhooks); generated into the data dir when unset. */
  webhookSecret?: string;
  /** Attempts before a webhook call gives up and opens an incident. */
  webhookMaxAttempts: number;
  /**
   * Which reverse proxies' `X-Forwarded-For`/`-Proto` to believe (fastify's `trustProxy`): false,
   * true (any), a hop count, or addresses/CIDRs. Behind a proxy the login limits count each client
   * by its own address only when this is set; left on by mistake, clients could pick their address.
   */
  trustProxy: boolean | number | string[];
  /**
   * A form's size (rows in its table) from which a CSV export of a SQLite database is parsed and
   * formatted on worker threads instead of the request's thread (default 20,000).
   */
  exportThreadsFrom?: number;
  /** How often a running server refreshes the query planner's statistics (`PRAGMA optimize`; default 1 hour). */
  optimizeIntervalMs?: number;
  /** An unsaved widget's preview: the most matching records one figure reads (default 20,000). */
  previewRowCap?: number;
  /** An unsaved widget's preview: how long it may take before it answers `timedOut` (default 2,000 ms). */
  previewTimeLimitMs?: number;
}

/** `FLOWCASE_TRUST_PROXY`: unset or `false`, `true`, a hop count, or a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^[1-9][0-9]?$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.find(
    (s) =>
      !/^[0-9a-fA-F.:]+(\/[0-9]{1,3})?$/.test(s) &&
      s !== 'loopback' &&
      s !== 'linklocal' &&
      s !== 'uniquelocal',
  );
  if (bad !== undefined)
    throw new Error(`FLOWCASE_TRUST_PROXY: "${bad}" is not true, false, a hop count, an address or a CIDR.`);
  return list;
}

/** `FLOWCASE_WEBHOOK_ALLOW_PRIVATE`: a comma-separated list of addresses/CIDRs. */
export function parseAddressList(name: string, value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.find((s) => !isCidr(s));
  if (bad !== undefined) throw new Error(`${name}: "${bad}" is not an address or a CIDR.`);
  return list;
}

function parseMinutes(name: string, value: string): number {
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name}: "${value}" is not a positive number of minutes.`);
  return n * 60_000;
}

function parseCount(name: string, value: string): number {
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`${name}: "${value}" is not a whole number of rows.`);
  return n;
}

/** Where the server listens unless HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.FLOWCASE_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST?.trim() || DEFAULT_HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.FLOWCASE_ADMIN_PASSWORD || undefined,
    demo: env.FLOWCASE_DEMO !== '0',
    smtpUrl: env.SMTP_URL || undefined,
    webhookAllowList: (env.FLOWCASE_WEBHOOK_ALLOW ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    webhookAllowPrivate: parseAddressList(
      'FLOWCASE_WEBHOOK_ALLOW_PRIVATE',
      env.FLOWCASE_WEBHOOK_ALLOW_PRIVATE,
    ),
    timeZone: env.FLOWCASE_TIME_ZONE || env.TZ || 'Asia/Shanghai',
    tokenTtlMs: Number(env.FLOWCASE_TOKEN_TTL_HOURS ?? 12) * 3_600_000,
    maxUploadBytes: Number(env.FLOWCASE_MAX_UPLOAD_MB ?? 10) * 1024 * 1024,
    logLevel: env.LOG_LEVEL ?? 'info',
    webhookSecret: env.FLOWCASE_WEBHOOK_SECRET || undefined,
    webhookMaxAttempts: Number(env.FLOWCASE_WEBHOOK_ATTEMPTS ?? 6),
    trustProxy: parseTrustProxy(env.FLOWCASE_TRUST_PROXY),
    ...(env.FLOWCASE_EXPORT_THREADS_FROM
      ? { exportThreadsFrom: parseCount('FLOWCASE_EXPORT_THREADS_FROM', env.FLOWCASE_EXPORT_THREADS_FROM) }
      : {}),
    ...(env.FLOWCASE_OPTIMIZE_MINUTES
      ? { optimizeIntervalMs: parseMinutes('FLOWCASE_OPTIMIZE_MINUTES', env.FLOWCASE_OPTIMIZE_MINUTES) }
      : {}),
    ...(env.FLOWCASE_PREVIEW_ROW_CAP
      ? { previewRowCap: Math.max(1, parseCount('FLOWCASE_PREVIEW_ROW_CAP', env.FLOWCASE_PREVIEW_ROW_CAP)) }
      : {}),
    ...(env.FLOWCASE_PREVIEW_MS
      ? { previewTimeLimitMs: Math.max(1, parseCount('FLOWCASE_PREVIEW_MS', env.FLOWCASE_PREVIEW_MS)) }
      : {}),
  };
}
