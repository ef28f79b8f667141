/**
 * Every shipped template's saved scenarios still run to their saved end along their saved path
 * (what `flowcase test <bundle.json>` checks), so a template edit that reroutes a case fails CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { runScenarios } from '../../engine/flow/simulator/index.js';

const DIR = join(import.meta.dirname, '../../templates');
const templates = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('template scenarios', () => {
  it.each(templates)('%s: valid, and every saved scenario passes', (file) => {
    const bundle = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as AppBundle;
    expect(validateBundle(bundle)).toEqual([]);
    const failed = runScenarios(bundle).filter((r) => !r.passed);
    expect(failed.map((r) => ({ key: r.key, changes: r.changes }))).toEqual([]);
  });

  it('the after-sales template covers each of its paths', () => {
    const bundle = JSON.parse(readFileSync(join(DIR, 'after-sales.json'), 'utf8')) as AppBundle;
    const results = new Map(runScenarios(bundle).map((r) => [r.key, r]));
    expect([...results.values()].map((r) => [r.key, r.passed, r.outcome])).toEqual([
      ['in_warranty', true, 'completed'],
      ['quote_accepted', true, 'completed'],
      ['quote_declined', true, 'declined'],
      ['intake_rejected', true, 'rejected'],
      ['on_site_dispatch', true, 'completed'],
      ['qa_rework', true, 'completed'],
      ['online_payment', true, 'completed'],
      ['online_underpaid', true, 'completed'],
      ['online_payment_timeout', true, 'completed'],
      ['intake_escalated', true, 'completed'],
      ['survey_escalated', true, 'completed'],
    ]);
    const path = (key: string) => results.get(key)!.path;
    expect(path('in_warranty')).not.toContain('quote');
    expect(path('quote_accepted')).toEqual(
      expect.arrayContaining(['quote', 'customer_decision', 'payment', 'repair']),
    );
    expect(path('quote_declined')).toEqual(expect.arrayContaining(['mark_declined', 'return_device']));
    expect(path('quote_declined')).not.toContain('repair');
    expect(path('intake_rejected').slice(-3)).toEqual(['mark_rejected', 'notify_rejected', 'end_rejected']);
    // On site: dispatched first, repaired at the customer's, nothing shipped.
    expect(path('on_site_dispatch')).toEqual(expect.arrayContaining(['dispatch', 'repair_on_site']));
    expect(path('on_site_dispatch')).not.toContain('ship');
    // QA sends the repair back twice: a rejection through the repair route, then a return.
    expect(path('qa_rework').filter((n) => n === 'qa')).toHaveLength(3);
    // Paid online in full skips the cashier; paid short or never, the cashier collects.
    expect(path('online_payment')).toEqual(expect.arrayContaining(['await_payment', 'payment_check']));
    expect(path('online_payment')).not.toContain('payment');
    expect(path('online_underpaid')).toEqual(expect.arrayContaining(['payment_check', 'payment']));
    expect(path('online_payment_timeout')).toEqual(expect.arrayContaining(['await_payment', 'payment']));
    expect(path('online_payment_timeout')).not.toContain('payment_check');
  });

  it('the after-sales SLA scenarios act as the person the breach escalated to', () => {
    const bundle = JSON.parse(readFileSync(join(DIR, 'after-sales.json'), 'utf8')) as AppBundle;
    // Without the escalation, the supervisor (intake) and the service desk (survey) may not act.
    for (const node of ['intake', 'survey']) {
      const task = bundle.flows[0]!.nodes[node];
      if (task?.type !== 'task' || !task.sla) throw new Error(`${node} is a task with an SLA`);
      delete task.sla.escalateTo;
    }
    const results = runScenarios(bundle).filter((r) => r.key.endsWith('_escalated'));
    expect(results.map((r) => [r.key, r.passed, r.error?.code])).toEqual([
      ['intake_escalated', false, 'FC_TASK_NOT_ASSIGNEE'],
      ['survey_escalated', false, 'FC_TASK_NOT_ASSIGNEE'],
    ]);
  });
});
