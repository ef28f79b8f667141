/**
 * The designer's first screens in Chromium (issue 20): the admin console at /admin and the app
 * studio at /design, one bundle of their own served by the same server and signed in with the web
 * app's cookie. An admin installs the satisfaction follow-up from the template gallery, creates a
 * user, gives them the app's service-desk role, and the user signs in to the web app and sees the
 * app; the admin resets the user's password (shown once) and the user signs in with it; the roles
 * page lists who holds the role; a blank app is created; the versions page shows the history.
 * Also: the strict CSP, the designer's JavaScript budget, and the web app loading none of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded, DESIGNER_DIST } from '../../designer/build-if-needed.js';
import { WEB_DIST } from '../../runtime/http/web-plugin.js';
import { consoleErrors, poll, rawTextProblems, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

/** The admin, signed in through the web app, then on a designer page (the same cookie). */
async function adminAt(where: string, lang: 'zh-CN' | 'en'): Promise<Page> {
  const page = await e2e.signIn('admin', { lang });
  page.on('dialog', (d) => void d.accept());
  await page.goto(where);
  await page.waitForSelector('main#main');
  return page;
}

async function signInAs(username: string, password: string, lang: 'zh-CN' | 'en'): Promise<Page> {
  const ctx = await e2e.context({ lang });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=user-name]', { state: 'attached' });
  return page;
}

describe('the app studio', () => {
  it('installs the satisfaction follow-up from the gallery, creates a blank app and shows versions (Chinese)', async () => {
    const page = await adminAt('/design', 'zh-CN');
    const errors = consoleErrors(page);
    const gallery = page.locator('[data-template=satisfaction]');
    await gallery.waitFor();
    expect(await text(gallery)).toContain('客户回访');
    expect(await text(gallery)).toMatch(/示例数据 \d+ 条/);
    // The after-sales app the server installed is already there: its gallery card says so.
    await expect(page.locator('[data-template=after_sales] button').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'studio-gallery-zh');
    await gallery.locator('button').click();
    await poll(() => text(page.locator('[role=status]'))).toContain('已安装“客户回访”');
    const card = page.locator('[data-app=satisfaction]');
    await card.waitFor();
    expect(await text(card)).toContain('版本 1');
    expect(await text(card)).toContain('使用中');

    await page.getByRole('button', { name: '新建空白应用' }).click();
    await page.fill('#blank-key', 'field_visits');
    await page.fill('#blank-name-zh', '上门服务');
    await page.fill('#blank-name-en', 'Field visits');
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('[data-app=field_visits]').waitFor();
    expect(await text(page.locator('[data-app=field_visits]'))).toContain('上门服务');

    // Rename the blank app: a new version, shown on its versions page.
    await page.locator('[data-app=field_visits]').getByRole('button', { name: '重命名' }).click();
    await page.fill('#rename-field_visits-zh', '上门维修');
    await page.locator('[data-app=field_visits]').getByRole('button', { name: '保存' }).click();
    await poll(() => text(page.locator('[data-app=field_visits] h3'))).toBe('上门维修');
    await page.locator('[data-app=field_visits]').getByRole('link', { name: '表单与版本' }).click();
    await poll(() => text(page.locator('[data-testid=version-history]'))).toContain('版本 2');
    expect(await text(page.locator('[data-testid=version-history]'))).toContain('Administrator 发布于');
    expect(await text(page.locator('[data-testid=current-version]'))).toBe('2');
    // A designer's form in the draft (saved as the form designer saves it, with the draft's revision):
    // the page lists what publishing changes, and publishing makes version 3.
    const token = await e2e.token('admin');
    const draft = await e2e.api<{ revision: number }>('admin', 'GET', '/api/v1/apps/field_visits/draft');
    const saved = await e2e.server.app.inject({
      method: 'PUT',
      url: '/api/v1/apps/field_visits/forms/visits',
      headers: { authorization: `Bearer ${token}`, 'if-match': `"${draft.revision}"` },
      payload: {
        key: 'visits',
        name: { zh: '上门记录', en: 'Visits' },
        fields: [{ key: 'address', type: 'text', label: { zh: '地址', en: 'Address' } }],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await page.reload();
    await poll(() => text(page.locator('[data-testid=draft-changes]'))).toContain('表单 visits 新增');
    await screenshot(page, 'studio-versions-draft-zh');
    await page.getByRole('button', { name: '发布' }).click();
    await poll(() => text(page.locator('[role=status]'))).toContain('已发布为版本 3');
    await poll(() => text(page.locator('[data-testid=current-version]'))).toBe('3');
    expect(await text(page.locator('[data-testid=version-history]'))).toContain('版本 3');
    // The app's forms open in the form designer, and a new key starts a new form there.
    const formsList = page.locator('[data-testid=draft-forms]');
    expect(await text(formsList)).toContain('上门记录');
    await page.getByLabel('新表单标识').fill('Bad Key');
    expect(await page.getByRole('button', { name: '新建表单' }).isDisabled()).toBe(true);
    await page.getByLabel('新表单标识').fill('visits');
    expect(await text(page.locator('#new-form-help'))).toBe('已有这个标识的表单');
    await formsList.getByRole('link', { name: '上门记录' }).click();
    await page.waitForURL(/\/design\/apps\/field_visits\/forms\/visits$/);
    await page.locator('[data-testid=form-canvas]').waitFor();
    await page.goBack();
    await page.getByLabel('新表单标识').fill('visit_reports');
    await page.getByRole('button', { name: '新建表单' }).click();
    await page.waitForURL(/\/design\/apps\/field_visits\/forms\/visit_reports$/);
    await page.locator('[data-testid=form-canvas]').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the admin console', () => {
  it('creates a user with a role of the installed app; the user signs in and sees it; a reset password works once shown', async () => {
    // The studio test installs the follow-up app from the gallery; run alone, this test installs it.
    const installed = await e2e.api<{ key: string }[]>('admin', 'GET', '/api/v1/studio/apps');
    if (!installed.some((a) => a.key === 'satisfaction'))
      await e2e.api('admin', 'POST', '/api/v1/apps', { template: 'satisfaction' });
    const page = await adminAt('/admin', 'zh-CN');
    const errors = consoleErrors(page);
    await page.locator('tr[data-user=admin]').waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.fill('#new-username', 'visitdesk');
    await page.fill('#new-display-name', '回访专员');
    await page.fill('#new-password', 'visit-desk-2026');
    await page.selectOption('#new-language', 'en');
    await page.getByRole('button', { name: '创建' }).click();
    await poll(() => text(page.locator('[role=status]').first())).toContain('已创建 visitdesk');
    // The new user's roles per app open by themselves: give the follow-up app's service desk.
    const editor = page.locator('fieldset[data-app=satisfaction]');
    await editor.waitFor();
    await editor.getByLabel('客服专员').check();
    await editor.getByRole('button', { name: '保存' }).click();
    await poll(() => text(editor)).toContain('已保存');
    await poll(() => text(page.locator('tr[data-user=visitdesk]'))).toContain('客服专员');
    await page.fill('input[type=search]', '回访');
    await poll(() => page.locator('tbody tr[data-user]').count()).toBe(1);
    await screenshot(page, 'admin-users-zh');
    expect(await rawTextProblems(page, ['visit-desk-2026'])).toEqual([]);

    const user = await signInAs('visitdesk', 'visit-desk-2026', 'en');
    await poll(() => text(user.locator('main'))).toContain('Satisfaction follow-up');
    await screenshot(user, 'admin-new-user-home-en');
    // No designer link for someone who designs nothing.
    expect(await user.locator('[data-testid=design-links]').count()).toBe(0);

    // A password reset shows the new one once and signs the user out.
    await page.fill('input[type=search]', '');
    await page.locator('tr[data-user=visitdesk]').getByRole('button', { name: '重置密码' }).click();
    const shown = page.locator('[data-testid=new-password]');
    await shown.waitFor();
    const password = await text(shown);
    expect(password).toMatch(/^[\w-]{16}$/);
    await screenshot(page, 'admin-reset-password-zh');
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await page.locator('[data-testid=new-password]').count()).toBe(0);
    await user.reload();
    await user.waitForSelector('#login-username');
    await user.fill('#login-username', 'visitdesk');
    await user.fill('#login-password', password);
    await user.click('button[type=submit]');
    await poll(() => text(user.locator('main'))).toContain('Satisfaction follow-up');

    // Who holds the service-desk role now includes the new user.
    await page.getByRole('link', { name: '角色' }).click();
    await page.locator('tr[data-role=service_desk] button').click();
    await poll(() => text(page.locator('[data-testid=role-holders]'))).toContain('回访专员');
    await screenshot(page, 'admin-roles-zh');
    expect(errors).toEqual([]);
  }, 120_000);

  it('disables and enables an account in English at phone width; the disabled user cannot sign in', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 375, height: 800 });
    // The web app's home links the designer for admins, and the designer links back.
    await page.locator('[data-testid=design-links] a[href="/admin"]').click();
    await page.locator('tr[data-user=tech]').waitFor();
    await page.locator('tr[data-user=tech]').getByRole('button', { name: 'Disable' }).click();
    await poll(() => text(page.locator('tr[data-user=tech]'))).toContain('Disabled');
    const refused = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tech', password: 'e2e-demo-password-1' },
    });
    expect(refused.statusCode).toBe(401);
    await screenshot(page, 'admin-users-phone-en');
    await page.locator('tr[data-user=tech]').getByRole('button', { name: 'Enable' }).click();
    await poll(() => text(page.locator('tr[data-user=tech]'))).toContain('Active');
    // The admin's own row offers no Disable.
    expect(await page.locator('tr[data-user=admin]').getByRole('button', { name: 'Disable' }).count()).toBe(
      0,
    );
    await page.getByRole('link', { name: 'Back to the workspace' }).click();
    await page.waitForSelector('[data-testid=home-open-count]');
  }, 120_000);
});

describe('the designer bundle', () => {
  it('is served with the strict CSP at /design and /admin, its assets cached for good, within its budget', async () => {
    for (const at of ['/design', '/admin', '/design/apps/after_sales/versions', '/admin/roles']) {
      const res = await e2e.app(at);
      expect(res.statusCode, at).toBe(200);
      expect(res.body).toContain('/design/assets/');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    }
    const script = /src="(\/design\/assets\/[^"]+\.js)"/.exec((await e2e.app('/design')).body)?.[1];
    expect((await e2e.app(script!)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await e2e.app('/design/assets/nope.js')).statusCode).toBe(404);

    // What /design and /admin load first: the scripts index.html names (the entry and its preloads).
    // Pages that need more (the form designer) come as chunks of their own when opened.
    const gz = (f: string) =>
      gzipSync(readFileSync(path.join(DESIGNER_DIST, 'assets', f)), { level: 9 }).length;
    const html = readFileSync(path.join(DESIGNER_DIST, 'index.html'), 'utf8');
    const first = [...html.matchAll(/\/design\/assets\/([\w-]+\.js)/g)].map((m) => m[1]!);
    expect(first.length).toBeGreaterThan(0);
    const firstLoad = first.reduce((n, f) => n + gz(f), 0);
    const all = readdirSync(path.join(DESIGNER_DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const total = all.reduce((n, f) => n + gz(f), 0);
    console.log(
      `designer JavaScript: first load ${(firstLoad / 1024).toFixed(1)} KB gzipped (${first.join(', ')}); all ${all.length} files ${(total / 1024).toFixed(1)} KB`,
    );
    expect(firstLoad).toBeLessThan(100 * 1024);
    // The end-user web app carries none of the designer's code.
    for (const f of readdirSync(path.join(WEB_DIST, 'assets')).filter((x) => x.endsWith('.js')))
      expect(readFileSync(path.join(WEB_DIST, 'assets', f), 'utf8')).not.toContain('/studio/apps');
  });
});
