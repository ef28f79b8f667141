/**
 * Subflows in the web app: a repair-quality complaint opens a rework repair (the complaint flow's
 * `open_rework` subflow node), and the case page links the two both ways, in its linked-cases
 * card and in the timeline, in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
let ids: Awaited<ReturnType<typeof sampleIds>>;

interface View {
  record: { id: string; data: Record<string, unknown> };
  instance: { tasks: { id: string; node: string; status: string }[] };
}

beforeAll(async () => {
  e2e = await startE2E();
  ids = await sampleIds(e2e);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

/** A complaint about a repair, accepted by the desk; returns the complaint's and the rework's ids. */
async function reworkingComplaint(): Promise<{ complaint: string; rework: string }> {
  const repair = await e2e.api<View>(
    'desk',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: ids.customer,
        product: ids.product(1),
        purchase_date: '2020-01-15',
        fault_category: 'phone',
        description: 'Screen flickers',
      },
    },
  );
  const complaint = await e2e.api<View>('desk', 'POST', '/api/v1/apps/after_sales/forms/complaint/records', {
    data: {
      customer: ids.customer,
      repair_request: repair.record.id,
      category: 'repair_quality',
      severity: 'medium',
      description: 'The screen flickers again',
    },
  });
  const intake = complaint.instance.tasks.find((t) => t.node === 'intake' && t.status === 'open')!;
  await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, { action: 'approve' });
  // The rework starts from the outbox, after the step's commit.
  for (let i = 0; i < 20 && (await e2e.server.jobs.outbox.runOnce()) > 0; i++);
  const after = await e2e.api<View>('desk', 'GET', `/api/v1/records/${complaint.record.id}`);
  const rework = after.record.data.rework_request;
  expect(typeof rework).toBe('string');
  return { complaint: complaint.record.id, rework: rework as string };
}

describe('the case page links a subflow parent and child', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`from the complaint to its rework and back (${lang})`, async () => {
      const zh = lang === 'zh-CN';
      const { complaint, rework } = await reworkingComplaint();
      const page = await e2e.signIn('desk', { lang });
      await page.goto(`/cases/${complaint}`);
      const card = page.getByTestId('subflow-links');
      await poll(() => text(card.locator('h2'))).toBe(zh ? '关联流程' : 'Linked cases');
      await poll(() => text(card.getByTestId('child-case'))).toContain(zh ? '维修流程' : 'Repair');
      expect(await text(card.getByTestId('child-case'))).toContain(zh ? '处理中' : 'In progress');
      // The timeline's subflow entry carries its own link to the child.
      const started = page.locator('[data-testid=timeline] li', {
        has: page.getByTestId('timeline-child-link'),
      });
      expect(await text(started.first())).toContain(zh ? '发起了子流程' : 'started a subflow');
      await screenshot(page, `subflow-parent-${lang}`);

      await card.getByTestId('child-case-link').click();
      await page.waitForURL(`**/cases/${rework}`);
      const childCard = page.getByTestId('subflow-links');
      await poll(() => text(childCard)).toContain(zh ? '发起自' : 'Started by');
      expect(await text(childCard)).toContain(zh ? '投诉' : 'Complaint');
      expect(await page.getByTestId('timeline-parent-link').count()).toBe(1);
      await screenshot(page, `subflow-child-${lang}`);

      await page.getByTestId('parent-case-link').click();
      await page.waitForURL(`**/cases/${complaint}`);
      await poll(() => text(page.getByTestId('case-title'))).toMatch(/^CMP-/);
    });
  }
});
