/**
 * 加签, 撤回 and an event's staff fallback in Chromium, on a small claims app installed for the
 * test: the desk takes its intake back from the case page and submits it again; the manager adds a
 * finance colleague before themselves through the 加签 dialog and waits; finance signs from their
 * inbox; the manager approves; the cashier confirms the payment by hand. Screenshots in Chinese
 * and English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, openTask, pickRelation, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'claims_e2e',
  name: { en: 'Claims', zh: '理赔' },
  version: '1.0.0',
  roles: [
    { key: 'claims_desk', name: { en: 'Claims desk', zh: '理赔受理' } },
    { key: 'claims_manager', name: { en: 'Claims manager', zh: '理赔经理' } },
    { key: 'claims_finance', name: { en: 'Finance', zh: '财务' } },
    { key: 'claims_cashier', name: { en: 'Cashier', zh: '出纳' } },
  ],
  forms: [
    {
      key: 'claim',
      name: { en: 'Claim', zh: '理赔单' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'note', type: 'textarea', label: { en: 'Desk note', zh: '受理备注' } },
        { key: 'decision_note', type: 'textarea', label: { en: 'Decision note', zh: '审批意见' } },
        { key: 'pay_ref', type: 'text', label: { en: 'Payment reference', zh: '付款流水号' } },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: { en: 'Handle a claim', zh: '理赔处理' },
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'intake',
      nodes: {
        intake: {
          type: 'task',
          name: { en: 'Check the claim', zh: '受理' },
          assignee: { role: 'claims_desk' },
          actions: ['submit', 'withdraw'],
          fields: { visible: ['title', 'note'], editable: ['note'] },
          next: 'review',
        },
        review: {
          type: 'task',
          name: { en: 'Approve the claim', zh: '理赔审批' },
          assignee: { role: 'claims_manager' },
          actions: ['approve', 'reject', 'addSigner'],
          fields: { visible: ['title', 'note', 'decision_note'], editable: ['decision_note'] },
          onApprove: 'pay',
          onReject: 'intake',
        },
        pay: {
          type: 'event',
          name: 'claim.paid',
          fields: ['pay_ref'],
          fallback: {
            name: { en: 'Confirm the payment by hand', zh: '人工确认付款' },
            assignee: { role: 'claims_cashier' },
            fields: { visible: ['title', 'pay_ref'], required: ['pay_ref'] },
          },
          next: 'paid',
        },
        paid: { type: 'end', name: { en: 'Paid', zh: '已付款' }, outcome: 'paid' },
      },
    },
  ],
  dashboards: [],
};

const PEOPLE = [
  { username: 'cl_desk', displayName: '刘受理', roles: ['claims_desk'] },
  { username: 'cl_boss', displayName: 'Mia Manager', roles: ['claims_manager'] },
  { username: 'cl_fin', displayName: '钱财务', roles: ['claims_finance'] },
  { username: 'cl_cash', displayName: '孙出纳', roles: ['claims_cashier'] },
];

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: BUNDLE });
  for (const p of PEOPLE)
    await e2e.api('admin', 'POST', '/api/v1/users', { ...p, password: PASSWORD, language: 'zh-CN' });
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

async function act(page: Page, action: string): Promise<void> {
  await page.click(`[data-testid=action-${action}]`);
  await page.waitForSelector('[data-testid=done-notice]');
}

describe('加签, 撤回 and a staff fallback in the browser', () => {
  it('the desk withdraws, the manager adds a signer, finance signs, the cashier confirms the payment', async () => {
    const created = await e2e.api<{ record: { id: string } }>(
      'cl_desk',
      'POST',
      '/api/v1/apps/claims_e2e/forms/claim/records',
      {
        data: { title: 'Cracked screen claim' },
      },
    );
    const recordId = created.record.id;

    // ── The desk submits the intake, then takes it back from the case page (Chinese).
    const desk = await e2e.signIn('cl_desk', { lang: 'zh-CN' });
    await openTask(desk, recordId, 'intake');
    await desk.fill('#task-note', '客户已提供发票');
    await act(desk, 'submit');
    const card = desk.locator('[data-testid=withdraw-card]');
    await card.waitFor();
    expect(await text(card)).toContain('撤回');
    await screenshot(desk, 'withdraw-card-zh');
    await desk.click('[data-testid=action-withdraw]');
    await desk.fill('textarea[id^=withdraw-]', '漏填了备注');
    await desk.click('[data-testid=confirm-withdraw]');
    // The step is theirs again: the page is the reopened task, the note as they wrote it.
    await desk.waitForSelector('[data-testid=task-form]');
    await poll(() => desk.inputValue('#task-note')).toBe('客户已提供发票');
    await desk.waitForSelector('[data-testid=action-submit]:not([disabled])');
    await desk.fill('#task-note', '客户已提供发票和照片');
    await act(desk, 'submit');
    await poll(() => desk.locator('[data-testid=timeline]').innerText()).toContain('撤回了');
    expect(await desk.locator('[data-testid=withdraw-card]').count()).toBe(1);

    // ── The manager adds finance before themselves (English) and then waits for them.
    const boss = await e2e.signIn('cl_boss', { lang: 'en' });
    await openTask(boss, recordId, 'review');
    await boss.click('[data-testid=action-addSigner]');
    await boss.waitForSelector('[data-testid=add-signer]');
    await pickRelation(boss, 'signer-user', '钱');
    expect(await text(boss.locator('[data-testid=signer-user-selected]'))).toBe('钱财务');
    await boss.fill('#signer-comment', 'Please check the invoice amount first');
    await screenshot(boss, 'add-signer-dialog-en');
    await boss.click('[data-testid=confirm-addSigner]');
    await poll(() => text(boss.locator('[data-testid=waiting-for-signer]'))).toContain('钱财务');
    expect(await boss.locator('[data-testid^=action-]').count()).toBe(0);
    await screenshot(boss, 'waiting-for-signer-en');

    // The desk's withdrawal is gone: the review was acted on.
    await desk.reload();
    await desk.waitForSelector('[data-testid=timeline]');
    expect(await desk.locator('[data-testid=withdraw-card]').count()).toBe(0);

    // ── Finance signs from their inbox (Chinese).
    const fin = await e2e.signIn('cl_fin', { lang: 'zh-CN' });
    await openTask(fin, recordId, 'review');
    await poll(() => text(fin.locator('[data-testid=signer-note]'))).toContain('Mia Manager');
    expect(await text(fin.locator('[data-testid=signer-note]'))).toContain('前加签');
    expect(await fin.locator('[data-testid=action-addSigner]').count()).toBe(0);
    await fin.fill('#task-decision_note', '发票金额无误');
    await screenshot(fin, 'signer-task-zh');
    await act(fin, 'approve');

    // ── The manager approves now that finance has signed.
    await boss.reload();
    await boss.waitForSelector('[data-testid=action-approve]:not([disabled])');
    expect(await boss.locator('[data-testid=waiting-for-signer]').count()).toBe(0);
    await act(boss, 'approve');
    await poll(() => boss.locator('[data-testid=timeline]').innerText()).toContain('added a signer');
    await screenshot(boss, 'case-after-signing-en');

    // ── No payment event comes: the cashier confirms it by hand (Chinese).
    const cash = await e2e.signIn('cl_cash', { lang: 'zh-CN' });
    await cash.click('[data-testid=nav-inbox]');
    const row = cash.locator(`[data-testid=task-row][data-record="${recordId}"][data-node="pay"]`);
    await row.waitFor();
    expect(await text(row)).toContain('人工确认付款');
    await row.locator('a').click();
    await cash.waitForSelector('[data-testid=action-submit]:not([disabled])');
    await cash.fill('#task-pay_ref', 'POS-2024-17');
    await screenshot(cash, 'fallback-task-zh');
    await act(cash, 'submit');
    await poll(() => text(cash.locator('.page-head .badge'))).toContain('已结束');
    const view = await e2e.api<{ record: { data: Record<string, unknown> }; instance: { outcome?: string } }>(
      'admin',
      'GET',
      `/api/v1/records/${recordId}`,
    );
    expect(view.record.data.pay_ref).toBe('POS-2024-17');
    expect(view.instance.outcome).toBe('paid');
  });
});
