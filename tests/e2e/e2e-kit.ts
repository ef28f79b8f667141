/**
 * What every e2e test needs: the web app built once (a lock keeps parallel test files from building
 * at the same time), a real server on a free port with the demo users, and Debian's Chromium
 * driven by playwright-core. Screenshots go to `test-results/`.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';
import { buildWebIfNeeded, webBuildIsStale } from '../../runtime/web/build-if-needed.js';
import { WEB_DIST } from '../../runtime/http/web-plugin.js';

export const PASSWORD = 'e2e-demo-password-1';
export const RESULTS = path.resolve('test-results');
const LOCK = path.join(tmpdir(), 'flowcase-web-build.lock');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds `runtime/web/dist` when it is missing or stale, one test process at a time. */
export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  for (let i = 0; ; i++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process is building; a lock older than 3 minutes is left over from a crash.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone already
      }
      if (i > 600) throw new Error('Timed out waiting for the web build lock.');
      await sleep(300);
    }
  }
  try {
    await buildWebIfNeeded({ quiet: true });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Sizes of the built JavaScript, raw and gzipped (budgets: tests/e2e/web-app.test.ts). */
export function jsSizes(): { file: string; bytes: number; gzip: number }[] {
  const dir = path.join(WEB_DIST, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const data = readFileSync(path.join(dir, f));
      return { file: f, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
    });
}

export interface E2E {
  server: RunningServer;
  url: string;
  clock: ManualClock;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage; the machine's time zone unless given). */
  context(options?: {
    width?: number;
    height?: number;
    lang?: 'en' | 'zh-CN';
    timezoneId?: string;
  }): Promise<BrowserContext>;
  /** A page signed in as the user (language chosen before signing in). */
  signIn(
    username: string,
    options?: { width?: number; height?: number; lang?: 'en' | 'zh-CN'; timezoneId?: string },
  ): Promise<Page>;
  /** A bearer token for API calls the test makes itself (setup and checks). */
  token(username: string): Promise<string>;
  api<T>(username: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T>;
  /** An anonymous GET through the server (headers and status of pages and assets). */
  app(url: string): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  await ensureWebBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-e2e-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  const clock = new ManualClock(new Date());
  const server = await startServer(
    {
      ...readConfig({}),
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      adminPassword: PASSWORD,
      demo: true,
      logLevel: 'silent',
      tokenTtlMs: 30 * 86_400_000,
    },
    { clock, jobs: false },
  );
  const url = server.url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const tokens = new Map<string, string>();
  const contexts: BrowserContext[] = [];

  const context: E2E['context'] = async (o = {}) => {
    const ctx = await browser.newContext({
      baseURL: url,
      viewport: { width: o.width ?? 1200, height: o.height ?? 900 },
      locale: o.lang === 'zh-CN' ? 'zh-CN' : 'en-US',
      ...(o.timezoneId ? { timezoneId: o.timezoneId } : {}),
    });
    contexts.push(ctx);
    if (o.lang)
      await ctx.addInitScript(
        `try { if (!localStorage.getItem('flowcase.lang')) localStorage.setItem('flowcase.lang', ${JSON.stringify(o.lang)}); } catch {}`,
      );
    return ctx;
  };

  const e2e: E2E = {
    server,
    url,
    clock,
    browser,
    context,
    async signIn(username, o = {}) {
      const ctx = await context({ lang: 'en', ...o });
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => {
        throw err;
      });
      await page.goto('/');
      await page.fill('#login-username', username);
      await page.fill('#login-password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=user-name]', { state: 'attached' });
      return page;
    },
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      const token = res.json<{ token: string }>().token;
      tokens.set(username, token);
      return token;
    },
    async api<T>(username: string, method: 'GET' | 'POST', u: string, payload?: unknown): Promise<T> {
      const token = await e2e.token(username);
      const res = await server.app.inject({
        method,
        url: u,
        headers: { authorization: `Bearer ${token}` },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json<T>();
    },
    async app(u) {
      const res = await server.app.inject({ method: 'GET', url: u });
      return { statusCode: res.statusCode, headers: res.headers, body: res.body };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return e2e;
}

/** `expect.poll` with room for a browser: 15 s, every 100 ms. */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 15_000, interval: 100 });
}

/** The element's text now, or '' when it is not there (for use inside `poll`). */
export function text(locator: Locator): Promise<string> {
  return locator.innerText({ timeout: 500 }).catch(() => '');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `e2e-${name}.png`), fullPage: true });
}

/** Ids the tests fill relation and user fields with, as the admin sees them (every record). */
export async function sampleIds(e2e: E2E): Promise<{
  customer: string;
  product: (minWarranty: number) => string;
  user: (username: string) => string;
}> {
  const customers = await e2e.api<{ items: { id: string }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records?limit=50',
  );
  const products = await e2e.api<{ items: { id: string; data: { warranty_months: number } }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  const users = await e2e.api<{ id: string; username: string }[]>('admin', 'GET', '/api/v1/users');
  return {
    customer: customers.items[0]!.id,
    product: (w) => products.items.find((p) => p.data.warranty_months >= w)!.id,
    user: (u) => users.find((x) => x.username === u)!.id,
  };
}

/** Picks a record in a relation combobox by typing (a search, or an id with "Use id"). */
export async function pickRelation(page: Page, fieldId: string, text: string): Promise<void> {
  const input = page.locator(`#${fieldId}`);
  await input.fill(text);
  const option = page.locator(`#${fieldId}-list [role=option]`).first();
  await option.waitFor();
  await option.click();
  await page.locator(`[data-testid="${fieldId}-selected"]`).waitFor();
}

/** Opens the user's open task at `node` for the record from the inbox. */
export async function openTask(page: Page, recordId: string, node: string): Promise<void> {
  await page.click('[data-testid=nav-inbox]');
  const row = page.locator(`[data-testid=task-row][data-record="${recordId}"][data-node="${node}"]`);
  await row.waitFor();
  await row.locator('a').click();
  await page.waitForSelector('[data-testid=task-form]');
  // The engine worker answers once before the actions are enabled.
  await page.waitForSelector('[data-testid^=action-]:not([disabled])');
}

/**
 * What the browser's console would show as errors on `page` from now on: `console.error` calls
 * and every response with a 4xx/5xx status (Chromium logs "Failed to load resource" for those),
 * each as `METHOD status url` or the message. Read the array when the check is due.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.request().method()} ${r.status()} ${r.url()}`);
  });
  return errors;
}

/**
 * What a person should never read on a page: raw ids (hex runs with a letter and a digit, as in
 * "1b8a12c9"; case numbers and dates are digits only), keys (`service_desk`, `payment.confirmed`,
 * `field.required`), UTC timestamps ("2026-12-06T15:14:14.094Z") and ASCII colons in Chinese
 * text ("确认: 退回"). `words` are further words the page must not show (an option's value in
 * Chinese, "rejected"). Each finding is quoted with a little of its surroundings.
 */
export async function rawTextProblems(page: Page, words: readonly string[] = []): Promise<string[]> {
  const body = await page.locator('body').innerText();
  // Addresses and e-mail addresses hold dots and hex-like runs legitimately.
  const shown = body.replace(/\S+@\S+\.\w+/g, ' ').replace(/\bhttps?:\/\/\S+/g, ' ');
  const patterns: [string, RegExp][] = [
    ['raw id', /\b(?=[0-9a-f-]*[a-f])(?=[0-9a-f-]*\d)[0-9a-f]{8}(?:-[0-9a-f]{4,12})*\b/g],
    ['key', /\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\b/g],
    ['UTC time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?/g],
    ['ASCII colon after Chinese', /[\u4e00-\u9fff）]: /g],
    ...words.map((w): [string, RegExp] => [
      `"${w}"`,
      new RegExp(`(?<![\\w-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'),
    ]),
  ];
  const found: string[] = [];
  for (const [what, re] of patterns)
    for (const m of shown.matchAll(re)) {
      const at = m.index ?? 0;
      found.push(
        `${what}: …${shown.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, ' ')}…`,
      );
    }
  return found;
}
