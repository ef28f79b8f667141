/**
 * Server settings, read once from the environment. Everything has a default that works on a fresh
 * machine: SQLite in ./data, port 3000, demo users on.
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  demo: boolean;
  smtpUrl?: string;
  /** Hosts outbound webhooks may call (`*.example.com` wildcards); empty means none but loopback in tests. */
  webhookAllowList: string[];
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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.FLOWCASE_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.FLOWCASE_ADMIN_PASSWORD || undefined,
    demo: env.FLOWCASE_DEMO !== '0',
    smtpUrl: env.SMTP_URL || undefined,
    webhookAllowList: (env.FLOWCASE_WEBHOOK_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    timeZone: env.FLOWCASE_TIME_ZONE ?? env.TZ ?? 'Asia/Shanghai',
    tokenTtlMs: Number(env.FLOWCASE_TOKEN_TTL_HOURS ?? 12) * 3_600_000,
    maxUploadBytes: Number(env.FLOWCASE_MAX_UPLOAD_MB ?? 10) * 1024 * 1024,
    logLevel: env.LOG_LEVEL ?? 'info',
    webhookSecret: env.FLOWCASE_WEBHOOK_SECRET || undefined,
    webhookMaxAttempts: Number(env.FLOWCASE_WEBHOOK_ATTEMPTS ?? 6),
  };
}
