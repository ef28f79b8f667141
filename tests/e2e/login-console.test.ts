/**
 * The sign-in page asks the server nothing it can only refuse: without the session's cookies the
 * app shows sign-in at once instead of calling `GET /auth/me` for a 401, so the console stays
 * clean on a first visit, after signing out, in both languages and at phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, PASSWORD, screenshot, startE2E, type E2E } from './e2e-kit.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('the sign-in page', () => {
  for (const [lang, width] of [
    ['zh-CN', 375],
    ['en', 1200],
  ] as const) {
    it(`logs no console error and asks for no session on a first visit (${lang}, ${width} px)`, async () => {
      const ctx = await e2e.context({ lang, width });
      const page = await ctx.newPage();
      const errors = consoleErrors(page);
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname);
      });
      await page.goto('/');
      await page.waitForSelector('#login-username');
      // The app settles (lazy chunks, fonts) before the console is read.
      await page.waitForLoadState('networkidle');
      expect(asked).toEqual([]);
      expect(errors).toEqual([]);
      await expect(page.locator('button[type=submit]').innerText()).resolves.toBe(
        lang === 'en' ? 'Sign in' : '登录',
      );
      await screenshot(page, `login-${lang}-${width}`);
    }, 60_000);
  }

  it('still restores a session from its cookies, and is clean again after signing out', async () => {
    const ctx = await e2e.context({ lang: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = consoleErrors(page);
    await page.goto('/');
    await page.fill('#login-username', 'desk');
    await page.fill('#login-password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=user-name]');
    // A reload finds the cookies and asks who is signed in.
    const me = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me'));
    await page.reload();
    expect((await me).status()).toBe(200);
    await page.waitForSelector('[data-testid=user-name]');

    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('#login-username');
    await page.reload();
    await page.waitForSelector('#login-username');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  }, 60_000);
});
