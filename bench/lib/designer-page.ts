/**
 * One designer page for the browser benches: a server on a temporary database with the bench's app
 * installed, Debian's Chromium, an English page signed in as admin with the bench's probe script.
 * The form designer and flow canvas benches measure different interactions on the same setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { readConfig } from '../../runtime/config.js';
import { startServer } from '../../runtime/server.js';

export interface DesignerPageOptions {
  /** Names the temporary directory. */
  name: string;
  bundle: unknown;
  /** Script run in the page before its own (the bench's timing probe). */
  probe: string;
  viewport: { width: number; height: number };
  timeoutMs: number;
}

export interface DesignerPage {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

const PASSWORD = 'bench-designer-password-1';

export async function openDesignerPage(options: DesignerPageOptions): Promise<DesignerPage> {
  await buildDesignerIfNeeded({ quiet: true });
  const dir = mkdtempSync(path.join(tmpdir(), `flowcase-bench-${options.name}-`));
  const server = await startServer(
    {
      ...readConfig({}),
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      adminPassword: PASSWORD,
      logLevel: 'silent',
    },
    { jobs: false, template: null },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const token = login.json<{ token: string }>().token;
    const installed = await server.app.inject({
      method: 'POST',
      url: '/api/v1/apps',
      headers: { authorization: `Bearer ${token}` },
      payload: { bundle: options.bundle },
    });
    if (installed.statusCode >= 300) throw new Error(`install failed: ${installed.body}`);

    const context = await browser.newContext({
      baseURL: server.url,
      viewport: options.viewport,
      locale: 'en-US',
    });
    await context.addInitScript(`try { localStorage.setItem('flowcase.lang', 'en'); } catch {}`);
    await context.addInitScript(options.probe);
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs);
    await page.goto('/design');
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=user-name]', { state: 'attached' });
    return { context, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
