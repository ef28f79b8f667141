/**
 * An app built from blank entirely through the UI (issue 20, the first "Done when"), in Chromium.
 * An ops designer creates a blank app in the studio and gives it two roles; builds a base-data
 * form (products: a name, a select and a price, submitted by buyers) and a request form (a
 * relation to the products with its display field, a quantity, a formula reading the linked
 * product's price, a reason shown only for large quantities, an autonumber and a sub-table of
 * items with columns); sees the live preview work; publishes. An admin gives a second user the
 * requester role in the admin console and keys in two products in the web app; the second user
 * files a request in the end-user app, sees the reason appear and the total computed, and the
 * saved record carries its number.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, pickRelation, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

/** Adds a field of `type` by its palette entry and names it; the key follows the English label. */
async function addField(page: Page, type: string, zh: string, en: string, key: string): Promise<void> {
  await page.click(`[data-testid=palette-${type}]`);
  await page.fill('#prop-label', zh);
  await page.fill('#prop-label-en', en);
  await page.locator(`[data-testid=canvas-field-${key}]`).waitFor();
}

/** Opens a new form of the app from its page and names it in the form's settings. */
async function newForm(page: Page, key: string, zh: string, en: string, submitter: string): Promise<void> {
  await page.getByPlaceholder('service_visit').fill(key);
  await page.getByRole('button', { name: '新建表单' }).click();
  await page.locator('[data-testid=form-settings]').waitFor();
  await page.fill('#form-name-zh', zh);
  await page.fill('#form-name-en', en);
  await page.check(`[data-testid=submit-role-${submitter}]`);
}

/** The formula editor (helper rules' CodeMirror editor): the formula typed as text. */
async function typeFormula(page: Page, formula: string): Promise<void> {
  // A field without a formula shows a button; the editor mounts when asked for.
  await page.click('[data-testid=prop-formula-open]');
  const input = page.locator('[data-testid=prop-formula-input]');
  await input.click();
  await page.keyboard.type(formula);
}

describe('an app from blank, through the UI only', () => {
  it('is designed, published, given to a user, and filed with its rule, formula and number at work', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1360, height: 900 });
    const errors = consoleErrors(page);

    // A blank app in the studio.
    await page.goto('/design');
    await page.getByRole('button', { name: '新建空白应用' }).click();
    await page.fill('#blank-key', 'supplies');
    await page.fill('#blank-name-zh', '办公用品');
    await page.fill('#blank-name-en', 'Office supplies');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    const card = page.locator('article[data-app=supplies]');
    await card.waitFor();
    await card.getByRole('link').first().click();

    // Its roles: requesters file requests, buyers keep the product list.
    const roles = page.locator('[data-testid=app-roles]');
    await roles.locator('[data-testid=add-role]').waitFor();
    await roles.locator('[data-testid=add-role]').click();
    await page.fill('[data-testid=role-key-0]', 'requester');
    await page.fill('[data-testid=role-zh-0]', '申请人');
    await page.fill('[data-testid=role-en-0]', 'Requester');
    await roles.locator('[data-testid=add-role]').click();
    await page.fill('[data-testid=role-key-1]', 'buyer');
    await page.fill('[data-testid=role-zh-1]', '采购员');
    await page.fill('[data-testid=role-en-1]', 'Buyer');
    await roles.locator('[data-testid=save-roles]').click();
    await poll(() => text(roles)).toContain('角色已保存到草稿');
    await screenshot(page, 'app-from-blank-roles-zh');

    // The base data: products with a name, a category to pick and a price.
    await newForm(page, 'product', '商品', 'Product', 'buyer');
    await addField(page, 'text', '名称', 'Name', 'name');
    await page.check('#prop-required');
    await addField(page, 'select', '类别', 'Category', 'category');
    await page.getByRole('button', { name: '添加选项' }).click();
    await page.getByRole('button', { name: '添加选项' }).click();
    await page.getByLabel('存储值 1').fill('paper');
    await page.getByLabel('选项 1 中文').fill('纸张');
    await page.getByLabel('选项 1 English').fill('Paper');
    await page.getByLabel('存储值 2').fill('ink');
    await page.getByLabel('选项 2 中文').fill('墨盒');
    await page.getByLabel('选项 2 English').fill('Ink');
    await addField(page, 'money', '单价', 'Price', 'price');
    await savedNow(page);
    await screenshot(page, 'app-from-blank-product-form-zh');
    await page.getByRole('link', { name: '返回应用' }).click();

    // The request: a product from the base data, a quantity, the total, a reason for many, a
    // number and the items.
    await newForm(page, 'request', '领用申请', 'Supply request', 'requester');
    await addField(page, 'relation', '商品', 'Product', 'product');
    await page.selectOption('#prop-form', 'product');
    await page.selectOption('#prop-display', 'name');
    await page.check('#prop-required');
    await addField(page, 'integer', '数量', 'Quantity', 'quantity');
    await page.fill('#prop-min', '1');
    await addField(page, 'money', '金额', 'Total', 'total');
    await typeFormula(page, 'quantity * product.price');
    await addField(page, 'textarea', '申请原因', 'Reason', 'reason');
    await setVisibleWhenMoreThan(page, 'quantity', 10);
    await addField(page, 'autonumber', '申请编号', 'Request number', 'request_number');
    await page.fill('#prop-pattern', 'REQ-{seq:4}');
    await addField(page, 'table', '明细', 'Items', 'items');
    await page.selectOption('[data-testid=add-column-items]', 'text');
    await page.fill('#prop-label', '物品');
    await page.fill('#prop-label-en', 'Item');
    await page.locator('[data-testid=column-items-item]').waitFor();
    await page.selectOption('[data-testid=add-column-items]', 'integer');
    await page.fill('#prop-label', '件数');
    await page.fill('#prop-label-en', 'Count');
    await page.locator('[data-testid=column-items-count]').waitFor();
    await savedNow(page);
    await page.locator('[data-testid=canvas-field-reason]').click();
    await screenshot(page, 'app-from-blank-request-form-zh');
    expect(await text(page.locator('[data-testid=problems]'))).toContain('没有问题');

    // The live preview: the reason shows for more than 10, the table takes rows.
    await page.click('[data-testid=view-desktop]');
    await page.fill('#preview-quantity', '12');
    await page.locator('#preview-reason').waitFor();
    await page.fill('#preview-quantity', '2');
    await page.locator('#preview-reason').waitFor({ state: 'detached' });
    await screenshot(page, 'app-from-blank-preview-zh');

    await page.click('[data-testid=publish]');
    await poll(() => text(page.locator('[data-testid=designer-notice]'))).toContain('已发布版本 2');
    await page.getByRole('link', { name: '返回应用' }).click();
    await poll(() => text(page.locator('[data-testid=current-version]'))).toBe('2');

    // The admin gives the desk user the requester role.
    await page.goto('/admin');
    const row = page.locator('tr[data-user=desk]');
    await row.getByRole('button', { name: '按应用分配角色' }).click();
    const editor = page.locator('fieldset[data-app=supplies]');
    await editor.getByLabel('申请人').check();
    await editor.getByRole('button', { name: '保存' }).click();
    await poll(() => text(row)).toContain('申请人');

    // The admin keys in two products in the web app.
    for (const [name, category, price] of [
      ['A4 paper', 'paper', '25'],
      ['Toner', 'ink', '300'],
    ] as const) {
      await page.goto('/new/supplies/product');
      await page.fill('#new-product-name', name);
      await page.selectOption('#new-product-category', category);
      await page.fill('#new-product-price', price);
      await page.click('[data-testid=submit-record]');
      await page.waitForURL(/\/cases\//);
    }

    // The live preview looks up real products through the API, as the web app does: the total
    // computes from the linked product's price, on a phone too.
    await page.goto('/design/apps/supplies/forms/request');
    await page.click('[data-testid=view-phone]');
    await pickRelation(page, 'preview-product', 'Toner');
    await page.fill('#preview-quantity', '2');
    await poll(() => text(page.getByTestId('value-total'))).toContain('600');
    await screenshot(page, 'app-from-blank-preview-linked-375-zh');
    expect(errors).toEqual([]);

    // The requester files a request: the total follows the product's price, the reason appears
    // for a large quantity, the saved record has its number.
    const desk = await e2e.signIn('desk', { lang: 'en' });
    const deskErrors = consoleErrors(desk);
    await poll(() => text(desk.locator('main'))).toContain('Office supplies');
    await desk.goto('/new/supplies/request');
    await desk.waitForSelector('[data-testid=submit-record]:not([disabled])');
    expect(await desk.locator('#new-request-reason').count()).toBe(0);
    await pickRelation(desk, 'new-request-product', 'A4');
    await desk.fill('#new-request-quantity', '12');
    await desk.locator('#new-request-reason').waitFor();
    await poll(() => text(desk.getByTestId('value-total'))).toContain('300');
    await desk.fill('#new-request-reason', 'Quarterly reports');
    await screenshot(desk, 'app-from-blank-filed-en');
    await desk.click('[data-testid=submit-record]');
    await desk.waitForURL(/\/cases\//);
    await poll(() => text(desk.locator('main'))).toContain('REQ-0001');
    expect(await text(desk.locator('main'))).toContain('Quarterly reports');
    await screenshot(desk, 'app-from-blank-saved-en');
    expect(deskErrors).toEqual([]);
  }, 400_000);
});

/** The visibility rule in helper rules' visual builder (react-querybuilder): `field` > `n`. */
async function setVisibleWhenMoreThan(page: Page, field: string, n: number): Promise<void> {
  await page.click('[data-testid=prop-visibleIf-open]');
  const builder = page.locator('[data-testid=prop-visibleIf]');
  await builder.locator('.ruleGroup-addRule').first().click();
  await builder.locator('.rule-fields').selectOption(field);
  await builder.locator('.rule-operators').selectOption('>');
  await builder.locator('.rule-value').fill(String(n));
}
