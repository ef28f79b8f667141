/**
 * Rules without code, in Chromium (issue 20): a designer builds, through the UI only, a visibility
 * rule on a linked record's field (the customer's tier) and one on a select (the channel), a
 * validation rule with its message, and a formula typed as text with field completion (by key and
 * by Chinese label) after the editor flagged an unknown field; the live preview computes the
 * formula, shows the field by the select's rule and the validation's message; the designer
 * publishes, and a service-desk user sees the rules, the formula and the message in the web app.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, pickRelation, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const label = (en: string, zh: string) => ({ en, zh });
const app = {
  format: 'flowcase/app@1',
  key: 'rules_shop',
  name: label('Rules shop', '规则小店'),
  version: 1,
  roles: [{ key: 'service_desk', name: label('Desk', '服务台') }],
  forms: [
    {
      key: 'customer',
      name: label('Customer', '客户'),
      fields: [
        { key: 'name', type: 'text', label: label('Name', '名称'), required: true },
        {
          key: 'tier',
          type: 'select',
          label: label('Tier', '等级'),
          options: [
            { value: 'vip', label: label('VIP', '贵宾') },
            { value: 'basic', label: label('Basic', '普通') },
          ],
        },
      ],
    },
    {
      key: 'order',
      name: label('Order', '订单'),
      fields: [
        { key: 'title', type: 'text', label: label('Title', '标题'), required: true },
        {
          key: 'customer',
          type: 'relation',
          form: 'customer',
          display: 'name',
          label: label('Customer', '客户'),
        },
        {
          key: 'channel',
          type: 'select',
          label: label('Channel', '渠道'),
          options: [
            { value: 'phone', label: label('Phone', '电话') },
            { value: 'web', label: label('Web', '网站') },
          ],
        },
        { key: 'web_ref', type: 'text', label: label('Web reference', '网站单号') },
        { key: 'vip_note', type: 'textarea', label: label('VIP note', '贵宾备注') },
        { key: 'quantity', type: 'integer', label: label('Quantity', '数量') },
        { key: 'unit_price', type: 'money', label: label('Unit price', '单价') },
        { key: 'total', type: 'money', label: label('Total', '合计') },
        { key: 'discount', type: 'money', label: label('Discount', '折扣') },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: app });
  for (const [name, tier] of [
    ['Acme', 'vip'],
    ['Bolt', 'basic'],
  ])
    await e2e.api('admin', 'POST', '/api/v1/apps/rules_shop/forms/customer/records', {
      data: { name, tier },
    });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

/** Adds one condition row to the rule builder `box` and sets its field, comparison and value. */
async function addCondition(page: Page, box: string, field: string, operator: string, value: string) {
  const builder = page.locator(`[data-testid="${box}"]`);
  const before = await builder.locator('[data-testid=rule]').count();
  await builder.locator('[data-testid=add-rule]').first().click();
  const row = builder.locator('[data-testid=rule]').nth(before);
  await row.locator('select[data-testid=fields]').selectOption(field);
  await row.locator('select[data-testid=operators]').selectOption(operator);
  const editor = row.locator('[data-testid=value-editor]');
  if ((await editor.evaluate((e) => e.tagName)) === 'SELECT') await editor.selectOption(value);
  else await editor.fill(value);
}

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

describe('rules without code', () => {
  it('builds rules, a validation and a formula in the designer; the preview and the web app obey them', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/rules_shop/forms/order');
    // The designer's lazy chunk and the draft load first (slow on a busy machine).
    await page.locator('[data-testid=canvas-field-vip_note]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=canvas-field-vip_note]').click();

    // Visible when the linked customer's tier is VIP: a field of the linked record, by its label.
    // A field without a rule shows a button; the rule builder mounts when asked for.
    await page.click('[data-testid=prop-visibleIf-open]');
    await addCondition(page, 'prop-visibleIf', 'customer.tier', '=', 'vip');
    const fieldChoices = await page
      .locator('[data-testid=prop-visibleIf] select[data-testid=fields] option')
      .allTextContents();
    expect(fieldChoices).toContain('Customer › Tier');
    expect(fieldChoices).not.toContain('Total › ');

    // Visible when the channel is "Web": a select's options as a picker.
    await page.locator('[data-testid=canvas-field-web_ref]').click();
    await page.click('[data-testid=prop-visibleIf-open]');
    await addCondition(page, 'prop-visibleIf', 'channel', '=', 'web');
    const operators = await page
      .locator('[data-testid=prop-visibleIf] select[data-testid=operators] option')
      .allTextContents();
    expect(operators).toEqual(['is', 'is not', 'is one of', 'is none of', 'is empty', 'is not empty']);

    // A validation rule with its message, in both languages.
    await page.locator('[data-testid=canvas-field-discount]').click();
    await page.click('[data-testid=prop-validations-add]');
    await addCondition(page, 'prop-validations-0-rule', 'discount', '<=', '50');
    await page.fill('#prop-validations-0-message', '折扣不能超过 50');
    await page.fill('#prop-validations-0-message-en', 'A discount is at most 50');

    // The formula as text: an unknown field is flagged where it is, then completion by key and label.
    await page.locator('[data-testid=canvas-field-total]').click();
    await page.click('[data-testid=prop-formula-open]');
    await page.fill('#prop-formula', 'quantity * unit_cost');
    await poll(() => text(page.locator('[data-testid=prop-formula-problems]'))).toContain(
      'There is no field “unit_cost”',
    );
    await page.locator('.cm-lintRange-error').first().waitFor();
    await screenshot(page, 'form-rules-formula-error-en');
    await page.fill('#prop-formula', '');
    await page.locator('#prop-formula').click();
    await page.keyboard.type('quan');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'quantity' }).first().click();
    await page.keyboard.type(' * unit_p');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'unit_price' }).first().click();
    await poll(() => text(page.locator('#prop-formula'))).toBe('quantity * unit_price');
    await page.locator('[data-testid=prop-formula-problems]').waitFor({ state: 'detached' });

    // What the builder wrote is JSON Logic with allowed operations.
    await savedNow(page);
    const draft = await e2e.api<{ draft: { forms: { key: string; fields: Record<string, unknown>[] }[] } }>(
      'admin',
      'GET',
      '/api/v1/apps/rules_shop/draft',
    );
    const order = draft.draft.forms.find((f) => f.key === 'order')!;
    const byKey = (key: string) => order.fields.find((f) => f.key === key)!;
    expect(byKey('vip_note').visibleIf).toEqual({ '==': [{ var: 'customer.tier' }, 'vip'] });
    expect(byKey('web_ref').visibleIf).toEqual({ '==': [{ var: 'channel' }, 'web'] });
    expect(byKey('total').formula).toEqual({ '*': [{ var: 'quantity' }, { var: 'unit_price' }] });
    expect(byKey('discount').validations).toEqual([
      {
        rule: { '<=': [{ var: 'discount' }, 50] },
        message: { zh: '折扣不能超过 50', en: 'A discount is at most 50' },
      },
    ]);
    await page.locator('[data-testid=canvas-field-discount]').click();
    await screenshot(page, 'form-rules-designer-en');

    // The live preview computes the formula, follows the select's rule and says the validation's message.
    await page.click('[data-testid=view-desktop]');
    const preview = page.locator('[data-testid=form-preview]');
    await page.fill('#preview-quantity', '3');
    await page.fill('#preview-unit_price', '2.5');
    await poll(() => text(preview)).toContain('7.50');
    expect(await page.locator('#preview-web_ref').count()).toBe(0);
    await page.selectOption('#preview-channel', 'web');
    await page.locator('#preview-web_ref').waitFor();
    await page.fill('#preview-discount', '80');
    await poll(() => text(preview)).toContain('A discount is at most 50');
    await screenshot(page, 'form-rules-preview-en');
    await page.fill('#preview-discount', '20');
    await poll(() => text(preview)).not.toContain('A discount is at most 50');

    // The same panel in Chinese.
    await page.evaluate(() => localStorage.setItem('flowcase.lang', 'zh-CN'));
    await page.reload();
    await page.locator('[data-testid=canvas-field-vip_note]').click();
    await poll(() => text(page.locator('[data-testid=prop-visibleIf]'))).toContain('添加条件');
    expect(
      await page
        .locator('[data-testid=prop-visibleIf] select[data-testid=fields]')
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe('客户 › 等级');
    await screenshot(page, 'form-rules-designer-zh');
    // Completion by the Chinese label: 单价 offers unit_price.
    await page.locator('[data-testid=canvas-field-total]').click();
    await page.locator('#prop-formula').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' + 单');
    const byLabel = page.locator('.cm-tooltip-autocomplete li', { hasText: 'unit_price' });
    await byLabel.first().waitFor();
    expect(await text(byLabel.first())).toContain('单价');
    await screenshot(page, 'form-rules-completion-zh');
    await byLabel.first().click();
    await poll(() => text(page.locator('#prop-formula'))).toBe('quantity * unit_price + unit_price');
    await page.click('[data-testid=undo]');
    await poll(() => text(page.locator('#prop-formula'))).toBe('quantity * unit_price');
    await page.locator('[data-testid=canvas-field-discount]').click();
    await screenshot(page, 'form-rules-validation-zh');

    await page.click('[data-testid=publish]');
    await poll(() => text(page.locator('[data-testid=designer-notice]'))).toContain('2');
    expect(errors).toEqual([]);

    // A service-desk user files an order: the rules, the formula and the message work in the web app.
    const desk = await e2e.signIn('desk', { lang: 'en' });
    await desk.goto('/new/rules_shop/order');
    const form = desk.locator('[data-testid=new-record-form]');
    await form.waitFor();
    await desk.fill('#new-order-title', 'Spare parts');
    // Hidden once the browser's compiler has run the rules over the empty form.
    await poll(() => desk.locator('#new-order-vip_note').count()).toBe(0);
    await pickRelation(desk, 'new-order-customer', 'Acme');
    await desk.locator('#new-order-vip_note').waitFor();
    await desk.fill('#new-order-vip_note', 'Call before delivery');
    await poll(() => desk.locator('#new-order-web_ref').count()).toBe(0);
    await desk.selectOption('#new-order-channel', 'web');
    await desk.locator('#new-order-web_ref').waitFor();
    await desk.fill('#new-order-web_ref', 'W-1001');
    await desk.fill('#new-order-quantity', '4');
    await desk.fill('#new-order-unit_price', '12.5');
    await poll(() => text(form)).toContain('50.00');
    await desk.fill('#new-order-discount', '80');
    await desk.click('[data-testid=submit-record]');
    await poll(() => text(desk.locator('[data-field=discount]'))).toContain('A discount is at most 50');
    await screenshot(desk, 'form-rules-web-app-en');
    expect(desk.url()).toContain('/new/rules_shop/order');
    await desk.fill('#new-order-discount', '30');
    await desk.click('[data-testid=submit-record]');
    await desk.waitForURL(/\/cases\//);
    await poll(() => text(desk.locator('main'))).toContain('Call before delivery');
    const records = await e2e.api<{ items: { data: Record<string, unknown> }[] }>(
      'admin',
      'GET',
      '/api/v1/apps/rules_shop/forms/order/records?limit=5',
    );
    expect(records.items[0]!.data).toMatchObject({ total: 50, discount: 30, web_ref: 'W-1001' });
  }, 300_000);
});
