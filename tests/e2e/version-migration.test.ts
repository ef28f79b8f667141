/**
 * Moving open cases onto a new version, in Chromium. The customer files a repair request, which
 * waits at the desk's intake. The after-sales flow is changed (through the draft API: the intake
 * step becomes "intake_review", a new key, so open cases at "intake" have no step in the new
 * version) and published. On the app's versions page the admin sees the open cases of version 1,
 * the plan (the intake group needs a mapping), maps "intake" to "intake_review", applies, and sees
 * the result and the past migration; the desk finds the case in the web app's inbox at the mapped
 * step and opens its task. Chinese and English screenshots, and a phone-width page without
 * horizontal overflow.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import path from 'node:path';
import { consoleErrors, openTask, poll, RESULTS, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
let recordId = '';

async function adminAt(where: string, lang: 'zh-CN' | 'en', width = 1200): Promise<Page> {
  const page = await e2e.signIn('admin', { lang, width });
  await page.goto(where);
  await page.waitForSelector('main#main');
  return page;
}

/**
 * The after-sales flow with its intake step under a new key, published as the next version. The
 * template's scenarios name the step too, so they are saved with the new key as well.
 */
async function publishRenamedIntake(): Promise<number> {
  const token = await e2e.token('admin');
  const rename = <T>(part: T): T =>
    JSON.parse(JSON.stringify(part).replaceAll('"intake"', '"intake_review"')) as T;
  const save = async (url: string, part: unknown) => {
    const { revision } = await e2e.api<{ revision: number }>(
      'admin',
      'GET',
      '/api/v1/apps/after_sales/draft',
    );
    const saved = await e2e.server.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${token}`, 'if-match': `"${revision}"` },
      payload: part as object,
    });
    expect(saved.statusCode, saved.body).toBe(200);
  };
  const { draft } = await e2e.api<{
    draft: { flows: { key: string }[]; scenarios?: { key: string }[] };
  }>('admin', 'GET', '/api/v1/apps/after_sales/draft');
  const flow = rename(draft.flows.find((f) => f.key === 'repair')!) as unknown as {
    nodes: Record<string, { name?: unknown }>;
  };
  flow.nodes['intake_review']!.name = { zh: '受理审核', en: 'Intake review' };
  await save('/api/v1/apps/after_sales/flows/repair', flow);
  for (const scenario of draft.scenarios ?? [])
    if (JSON.stringify(scenario).includes('"intake"'))
      await save(`/api/v1/apps/after_sales/scenarios/${scenario.key}`, rename(scenario));
  const published = await e2e.api<{ version: number }>('admin', 'POST', '/api/v1/apps/after_sales/publish');
  return published.version;
}

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  const own = await e2e.api<{ items: { id: string }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records',
  );
  const products = await e2e.api<{ items: { id: string; data: { category: string } }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  const product = products.items[0]!;
  const created = await e2e.api<{ record: { id: string } }>(
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: own.items[0]!.id,
        product: product.id,
        purchase_date: '2024-01-10',
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: product.data.category,
        description: 'Migrated: the screen flickers',
      },
    },
  );
  recordId = created.record.id;
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

describe('moving open cases onto a new version', () => {
  it('shows the plan, maps the gone step, applies, and the case continues at the mapped step', async () => {
    const from = (
      await e2e.api<{ version: number; current: boolean }[]>(
        'admin',
        'GET',
        '/api/v1/apps/after_sales/versions',
      )
    ).find((v) => v.current)!.version;
    const to = await publishRenamedIntake();
    expect(to).toBe(from + 1);

    const page = await adminAt('/design/apps/after_sales/versions', 'zh-CN');
    const errors = consoleErrors(page);
    const card = page.locator('[data-testid=version-migrations]');
    await card.waitFor();
    const open = Number(await text(page.locator(`[data-testid=open-cases-${from}]`)));
    expect(open).toBeGreaterThan(0);
    await poll(() => text(page.locator(`[data-testid=open-cases-${to}]`))).toBe('0');
    await page.click(`[data-testid=plan-move-${from}]`);
    const plan = page.locator('[data-testid=migration-plan]');
    await plan.waitFor();
    expect(await text(plan)).toContain(`迁移计划：v${from} → v${to}`);
    const intake = plan.locator('[data-testid=plan-group]', {
      has: page.locator('[data-testid=map-repair-intake]'),
    });
    await intake.waitFor();
    expect(await intake.getAttribute('data-verdict')).toBe('needs_mapping');
    expect(await text(intake)).toMatch(/\d/);
    await screenshot(page, 'version-migration-plan-zh');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-plan-card-zh.png') });

    // Map the gone intake step onto the new one: the group now moves.
    await page.selectOption('[data-testid=map-repair-intake]', 'intake_review');
    await poll(() => intake.getAttribute('data-verdict')).toBe('moves');
    expect(await text(page.locator('[data-testid=map-repair-intake] option:checked'))).toContain('受理审核');
    const accept = page.locator('[data-testid=accept-changes]');
    if (await accept.count()) await accept.check();
    await page.click('[data-testid=apply-migration]');
    const result = page.locator('[data-testid=migration-result]');
    await result.waitFor();
    expect(await text(result)).toMatch(/已迁移 \d+ 个案件，跳过 \d+ 个，失败 0 个。/);
    await poll(() => text(page.locator(`[data-testid=open-cases-${to}]`))).not.toBe('0');
    expect(await text(page.locator('[data-testid=migration-runs]'))).toContain(`迁移 v${from} → v${to}`);
    await screenshot(page, 'version-migration-applied-zh');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-applied-card-zh.png') });
    expect(errors).toEqual([]);

    // The case the customer filed now waits at the mapped step in the desk's inbox.
    const instance = await e2e.api<{ instance: { version: number; activeNodes: string[] } }>(
      'admin',
      'GET',
      `/api/v1/records/${recordId}`,
    );
    expect(instance.instance.version).toBe(to);
    expect(instance.instance.activeNodes).toEqual(['intake_review']);
    const desk = await e2e.signIn('desk', { lang: 'zh-CN' });
    await openTask(desk, recordId, 'intake_review');
    await screenshot(desk, 'version-migration-desk-task-zh');
  }, 240_000);

  it('offers a rollback with the same plan, in English, and fits a phone', async () => {
    const page = await adminAt('/design/apps/after_sales/versions', 'en', 390);
    const card = page.locator('[data-testid=version-migrations]');
    await card.waitFor();
    const rows = await page.locator('[data-testid^=plan-rollback-]').count();
    expect(rows).toBeGreaterThan(0);
    await page.locator('[data-testid^=plan-rollback-]').first().click();
    const plan = page.locator('[data-testid=migration-plan]');
    await plan.waitFor();
    expect(await text(plan)).toContain('Rollback plan: republish');
    // Going back, the new step is gone from the earlier version: it asks for a mapping too.
    await plan.locator('[data-testid=map-repair-intake_review]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'version-migration-rollback-en-phone');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-rollback-card-en-phone.png') });
  }, 240_000);
});
