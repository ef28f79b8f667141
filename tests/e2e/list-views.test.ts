/**
 * List views in Chromium (issue 22): a designer adds a view to a form through the UI only (its
 * name, the technician role, three columns put in order, a filter from the rule builder, a sort by
 * cost, dearest first) and publishes; a technician's record list then shows exactly those columns
 * in that order, only the high-priority tickets, dearest first, and exports them with the view's
 * columns, and their inbox shows the view's columns on each task; the service desk, for whom no
 * view is made, keeps the ordinary list.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { parseCsv } from '../api/csv-reader.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const label = (en: string, zh: string) => ({ en, zh });

const app = {
  format: 'flowcase/app@1',
  key: 'views_shop',
  name: label('Repair desk', '维修台'),
  version: 1,
  roles: [
    { key: 'technician', name: label('Technician', '技术员') },
    { key: 'service_desk', name: label('Service desk', '服务台') },
  ],
  forms: [
    {
      key: 'tickets',
      name: label('Tickets', '工单'),
      fields: [
        { key: 'subject', type: 'text', label: label('Subject', '主题'), required: true },
        {
          key: 'priority',
          type: 'select',
          label: label('Priority', '优先级'),
          options: [
            { value: 'high', label: label('High', '高') },
            { value: 'low', label: label('Low', '低') },
          ],
        },
        { key: 'cost', type: 'number', label: label('Cost', '费用') },
        { key: 'note', type: 'text', label: label('Note', '备注') },
      ],
    },
  ],
  // Each ticket waits for a technician's fix, which shows them everything but the note.
  flows: [
    {
      key: 'fixing',
      name: label('Fixing', '维修'),
      form: 'tickets',
      trigger: { on: 'record.created' },
      start: 'fix',
      nodes: {
        fix: {
          type: 'task',
          name: label('Fix', '维修'),
          assignee: { role: 'technician' },
          fields: { visible: ['subject', 'priority', 'cost'], editable: [] },
          actions: ['submit'],
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

const tickets = [
  { subject: 'Printer jam', priority: 'high', cost: 120, note: 'repeat caller' },
  { subject: 'Broken screen', priority: 'high', cost: 480, note: 'warranty?' },
  { subject: 'Slow laptop', priority: 'low', cost: 60, note: '' },
  { subject: 'Dead battery', priority: 'high', cost: 90, note: 'ordered' },
  { subject: 'Loose hinge', priority: 'low', cost: 700, note: '' },
];

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: app });
  for (const data of tickets)
    await e2e.api('desk', 'POST', '/api/v1/apps/views_shop/forms/tickets/records', { data });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

/** The record list's column headers, the title column first. */
async function headers(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid=records-table] thead th').allInnerTexts()).map((h) =>
    h.replace(/[▲▼]/g, '').trim(),
  );
}

describe('list views', () => {
  it('a view designed for the technicians is what they list and export', async () => {
    const page = await e2e.signIn('admin', { lang: 'en' });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/views_shop/forms/tickets');
    await page.locator('[data-testid=list-views]').waitFor();
    await page.click('[data-testid=list-view-add]');
    const view = page.locator('[data-testid=list-view-0]');
    await view.waitFor();
    await page.fill('[data-testid=list-view-0-name-en]', 'Urgent queue');
    await page.fill('[data-testid=list-view-0-name-zh]', '紧急队列');
    await page.click('[data-testid=list-view-0-role-technician]');
    // A new view starts with the first three fields: the subject (the list's title) goes, the
    // creation time comes, and cost moves before priority.
    await page.click('[data-testid=list-view-0-column-remove-subject]');
    await page.selectOption('[data-testid=list-view-0-column-add]', 'createdAt');
    await page.click('[data-testid=list-view-0-column-up-cost]');
    expect(
      await view
        .locator('[data-testid=list-view-0-columns] li')
        .evaluateAll((li) => li.map((e) => e.getAttribute('data-column'))),
    ).toEqual(['cost', 'priority', 'createdAt']);
    // The filter from the rule builder: priority is high.
    const builder = page.locator('[data-testid=list-view-0-filter]');
    await builder.locator('[data-testid=add-rule]').first().click();
    const row = builder.locator('[data-testid=rule]').first();
    await row.locator('select[data-testid=fields]').selectOption('priority');
    await row.locator('select[data-testid=operators]').selectOption('=');
    await row.locator('[data-testid=value-editor]').selectOption('high');
    await page.selectOption('[data-testid=list-view-0-sort]', 'cost');
    await page.selectOption('[data-testid=list-view-0-sort-dir]', 'desc');
    await savedNow(page);
    await screenshot(page, 'list-views-designer-en');

    const draft = await e2e.api<{ draft: { forms: { views?: unknown[] }[] } }>(
      'admin',
      'GET',
      '/api/v1/apps/views_shop/draft',
    );
    expect(draft.draft.forms[0]!.views).toEqual([
      {
        key: 'view_1',
        name: { zh: '紧急队列', en: 'Urgent queue' },
        roles: ['technician'],
        columns: ['cost', 'priority', 'createdAt'],
        filter: { '==': [{ var: 'priority' }, 'high'] },
        sort: { field: 'cost', dir: 'desc' },
      },
    ]);
    await page.click('[data-testid=publish]');
    await poll(() => text(page.locator('[data-testid=designer-notice]'))).toContain('Published version 2');
    expect(errors).toEqual([]);

    // The technician's list: the view's columns in its order, its filter, its sort.
    const tech = await e2e.signIn('tech', { lang: 'en' });
    const techErrors = consoleErrors(tech);
    await tech.goto('/apps/views_shop/forms/tickets/records');
    await tech.locator('[data-testid=records-table]').waitFor();
    await poll(() => tech.locator('[data-testid=record-row]').count()).toBe(3);
    expect(await tech.locator('[data-testid=records-view]').inputValue()).toBe('view_1');
    expect(await headers(tech)).toEqual(['Subject', 'Cost', 'Priority', 'Created']);
    await poll(() => tech.locator('[data-testid=record-row] th').allInnerTexts()).toEqual([
      'Broken screen',
      'Printer jam',
      'Dead battery',
    ]);
    expect(await tech.locator('[data-testid=record-row] td[data-column=priority]').allInnerTexts()).toEqual([
      'High',
      'High',
      'High',
    ]);
    await screenshot(tech, 'list-views-technician-en');

    // The export follows the view: ID, then its columns in order, its rows.
    const href = await tech.locator('[data-testid=export-csv]').getAttribute('href');
    expect(href).toContain('view=view_1');
    const csv = await tech.evaluate(async (url) => (await fetch(url!)).text(), href);
    const rows = parseCsv(csv.replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['ID', 'Cost', 'Priority', 'Created']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['480', '120', '90']);

    // Sorting by another column on top, then back to the view. Each reloads the list (its rows are
    // emptied meanwhile): wait for the URL's sort and for every row in the order a reader expects.
    const subjects = () => tech.locator('[data-testid=record-row] th').allInnerTexts();
    const sortParam = () => new URL(tech.url()).searchParams.get('sort');
    await tech.click('[data-testid=sort-cost]');
    await poll(sortParam).toBe('cost');
    await poll(subjects).toEqual(['Dead battery', 'Printer jam', 'Broken screen']);
    await tech.click('[data-testid=records-reset-view]');
    await poll(sortParam).toBe(null);
    await poll(subjects).toEqual(['Broken screen', 'Printer jam', 'Dead battery']);
    // Without the view: every ticket, the ordinary columns.
    await tech.selectOption('[data-testid=records-view]', '-');
    await poll(() => tech.locator('[data-testid=record-row]').count()).toBe(5);
    await tech.selectOption('[data-testid=records-view]', 'view_1');
    await poll(() => tech.locator('[data-testid=record-row]').count()).toBe(3);

    // The inbox shows the view's columns each task carries (the step shows cost and priority).
    await tech.goto('/inbox');
    await poll(() => tech.locator('[data-testid=task-row]').count()).toBe(5);
    const task = tech.locator('[data-testid=task-row]', { hasText: 'Broken screen' });
    expect(
      await task
        .locator('[data-testid=task-columns] [data-column]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-column'))),
    ).toEqual(['cost', 'priority']);
    expect(await text(task.locator('[data-testid=task-columns]'))).toMatch(/Cost\s*480.*Priority\s*High/s);
    await screenshot(tech, 'list-views-inbox-en');
    expect(techErrors).toEqual([]);

    // The service desk has no view: the ordinary list of every ticket.
    const desk = await e2e.signIn('desk', { lang: 'zh-CN' });
    await desk.goto('/apps/views_shop/forms/tickets/records');
    await desk.locator('[data-testid=records-table]').waitFor();
    await poll(() => desk.locator('[data-testid=record-row]').count()).toBe(5);
    expect(await desk.locator('[data-testid=records-view]').count()).toBe(0);

    // The editor in Chinese, as a designer in China sees it.
    const zh = await e2e.signIn('admin', { lang: 'zh-CN' });
    await zh.goto('/design/apps/views_shop/forms/tickets');
    await zh.locator('[data-testid=list-view-0]').waitFor();
    expect(await text(zh.locator('[data-testid=list-views] h3'))).toBe('列表视图');
    await zh.locator('[data-testid=list-views]').scrollIntoViewIfNeeded();
    await screenshot(zh, 'list-views-designer-zh');
  }, 180_000);
});
