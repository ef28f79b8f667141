/**
 * The form designer in Chromium (issue 20): a designer opens a form of a new app, adds fields by
 * dragging them from the palette (and by a click), sets their properties (the key follows the
 * English label), sees the live preview compute a formula and show a field by its rule, undoes
 * and redoes, reloads the tab and finds the work saved, sees where a field is used before a delete
 * is refused, clicks a problem to reach the control it names, publishes; then a service-desk user files a record with the new form in the web app.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const shop = {
  format: 'flowcase/app@1',
  key: 'shop',
  name: { en: 'Shop', zh: '小店' },
  version: 1,
  roles: [{ key: 'service_desk', name: { en: 'Desk', zh: '服务台' } }],
  forms: [
    {
      key: 'order',
      name: { en: 'Order', zh: '订单' },
      fields: [{ key: 'title', type: 'text', label: { en: 'Title', zh: '标题' }, required: true }],
    },
  ],
  flows: [],
  dashboards: [],
};

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: shop });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

/** A pointer drag with intermediate moves, as dnd-kit's pointer sensor needs. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(
      a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 10,
      a.y + a.height / 2 + ((b.y + b.height - 8 - a.y - a.height / 2) * i) / 10,
    );
  await page.mouse.up();
}

/**
 * Types a just-added field's English label. On a loaded machine Chromium now and then drops the
 * text Playwright inserts into an input the panel has only just mounted (the input has focus, yet
 * no beforeinput or input event ever fires), so the value is checked and typed again.
 */
async function typeLabel(page: Page, en: string): Promise<void> {
  await poll(async () => {
    if ((await page.inputValue('#prop-label-en')) !== en) await page.fill('#prop-label-en', en);
    return page.inputValue('#prop-label-en');
  }).toBe(en);
}

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

describe('the form designer', () => {
  it('builds a form by drag and properties, previews it, undoes and redoes, keeps it across a reload, publishes; a user files it', async () => {
    const page = await e2e.signIn('admin', { lang: 'en' });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/shop/forms/order');
    await page.locator('[data-testid=form-canvas]').waitFor();
    // Every field type is in the palette.
    expect(await page.locator('.palette-entry').count()).toBe(19);

    await drag(
      page,
      page.locator('[data-testid=palette-integer]'),
      page.locator('[data-testid=section-main] ul'),
    );
    await page.locator('[data-testid=canvas-field-whole_number]').waitFor();
    await typeLabel(page, 'Quantity');
    await page.fill('#prop-label', '数量');
    await page.locator('[data-testid=canvas-field-quantity]').waitFor();
    await page.fill('#prop-min', '1');

    await page.click('[data-testid=palette-number]');
    await typeLabel(page, 'Unit price');
    await page.click('[data-testid=palette-number]');
    await typeLabel(page, 'Total');
    await page.locator('[data-testid=canvas-field-total]').waitFor();
    // A field without a rule shows a button; the editor mounts when asked for.
    await page.click('[data-testid=prop-formula-open]');
    await page.fill('#prop-formula', 'quantity * unit_price');
    await drag(
      page,
      page.locator('[data-testid=palette-textarea]'),
      page.locator('[data-testid=section-main] ul'),
    );
    await typeLabel(page, 'Why so many');
    await page.click('[data-testid=prop-visibleIf-open]');
    await page.click('[data-testid=prop-visibleIf-json]');
    await page.fill('[data-testid=prop-visibleIf-text]', '{">": [{"var": "quantity"}, 10]}');
    await page.locator('[data-testid=canvas-field-why_so_many]').click();
    await screenshot(page, 'form-designer-canvas-en');

    // The live preview computes the formula and shows the field only when its rule holds.
    await page.click('[data-testid=view-desktop]');
    await page.fill('#preview-quantity', '20');
    await page.fill('#preview-unit_price', '2.5');
    await poll(() => text(page.locator('[data-testid=form-preview]'))).toContain('50');
    await page.locator('#preview-why_so_many').waitFor();
    await page.fill('#preview-quantity', '3');
    await page.locator('#preview-why_so_many').waitFor({ state: 'detached' });
    await screenshot(page, 'form-designer-preview-desktop');
    await page.click('[data-testid=view-phone]');
    await page.fill('#preview-quantity', '0');
    await poll(() => text(page.locator('[data-testid=form-preview]'))).toContain('at least 1');
    await screenshot(page, 'form-designer-preview-375');

    // Undo takes the visibility rule back, redo brings it again.
    await page.click('[data-testid=view-json]');
    expect(await text(page.locator('[data-testid=raw-json]'))).toContain('visibleIf');
    await page.click('[data-testid=undo]');
    expect(await text(page.locator('[data-testid=raw-json]'))).not.toContain('visibleIf');
    await page.click('[data-testid=redo]');
    expect(await text(page.locator('[data-testid=raw-json]'))).toContain('visibleIf');

    // Saved to the server: a reload finds the work.
    await savedNow(page);
    await page.reload();
    await page.locator('[data-testid=canvas-field-why_so_many]').waitFor();
    expect(await page.locator('.canvas-field').count()).toBe(5);

    // Where-used: quantity is read by two rules, so it cannot be deleted.
    await page.click('[data-testid=canvas-field-quantity]');
    await page.click('[data-testid=delete-field]');
    const usages = page.locator('[data-testid=where-used]');
    await usages.waitFor();
    expect(await text(usages)).toContain('field “Total” (total) · Formula');
    expect(await text(usages)).toContain('field “Why so many” (why_so_many) · Visible when');
    await screenshot(page, 'form-designer-where-used');
    await usages.getByRole('button', { name: 'Cancel' }).click();

    // A problem from the engine, once saved: clicking it selects the field and focuses its control.
    await page.click('[data-testid=canvas-field-total]');
    await page.fill('#prop-formula', 'quantity * unit_cost');
    await page.click('[data-testid=canvas-field-title]');
    const problem = page.locator('[data-testid=problem]');
    await poll(() => problem.count()).toBe(1);
    expect(await text(problem)).toContain('unit_cost');
    await problem.click();
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('prop-formula');
    expect(await text(page.locator('[data-testid=property-panel] h3'))).toContain('total');
    await screenshot(page, 'form-designer-problem-focused');
    await page.fill('#prop-formula', 'quantity * unit_price');
    await poll(() => problem.count()).toBe(0);

    await page.click('[data-testid=publish]');
    await poll(() => text(page.locator('[data-testid=designer-notice]'))).toContain('Published version 2');
    expect(errors).toEqual([]);

    // A service-desk user files a record with the new form in the web app.
    const desk = await e2e.signIn('desk', { lang: 'en' });
    await desk.goto('/new/shop/order');
    await desk.locator('[data-testid=new-record-form]').waitFor();
    await desk.fill('#new-order-title', 'Paper');
    await desk.fill('#new-order-quantity', '12');
    await desk.fill('#new-order-unit_price', '3');
    await poll(() => text(desk.locator('[data-testid=new-record-form]'))).toContain('36');
    await desk.fill('#new-order-why_so_many', 'Office move');
    await screenshot(desk, 'form-designer-filed-by-user');
    await desk.click('[data-testid=submit-record]');
    await desk.waitForURL(/\/cases\//);
    await poll(() => text(desk.locator('main'))).toContain('Office move');
  }, 240_000);
});
