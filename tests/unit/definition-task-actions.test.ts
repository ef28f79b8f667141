/**
 * The definition format's options for 加签, 撤回 and an event node's staff fallback: accepted where
 * well formed, each mistake reported at its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { found, withFlow } from './definition-test-kit.js';

describe('validateBundle: addSigner and withdraw in a task node’s actions', () => {
  it('accepts both beside the completing actions', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.actions = ['submit', 'transfer', 'addSigner', 'withdraw'];
    nodes.qa.actions = ['approve', 'reject', 'addSigner', 'withdraw', 'return', 'transfer', 'submit'];
    expect(found(bundle)).toEqual([]);
  });

  it('refuses an unknown action and a listed one twice', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.actions = ['submit', 'countersign'];
    nodes.quote.actions = ['submit', 'withdraw', 'withdraw'];
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/quote/actions', code: 'schema.duplicate_item' },
      { path: '/flows/0/nodes/triage/actions/1', code: 'schema.enum' },
    ]);
  });
});

describe('validateBundle: an event node’s fallback', () => {
  const fallback = () => ({
    name: { en: 'Confirm the payment by hand', zh: '人工确认收款' },
    assignee: { role: 'service_desk' },
    fields: { visible: ['ticket_no', 'quote', 'paid_at'], editable: ['paid_at'], required: ['paid_at'] },
    after: 'PT2H',
  });

  it('accepts a staff task with a delay shorter than the timeout', () => {
    const { bundle, nodes } = withFlow();
    nodes.payment.fallback = fallback();
    expect(found(bundle)).toEqual([]);
    delete nodes.payment.fallback.after;
    delete nodes.payment.fallback.fields;
    expect(found(bundle)).toEqual([]);
  });

  it('needs an assignee and knows no other option', () => {
    const { bundle, nodes } = withFlow();
    nodes.payment.fallback = { after: 'PT1H', actions: ['submit'] };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/fallback/actions', code: 'schema.unknown_property' },
      { path: '/flows/0/nodes/payment/fallback/assignee', code: 'schema.required' },
    ]);
  });

  it('checks its assignees and fields like a task node’s', () => {
    const { bundle, nodes } = withFlow();
    nodes.payment.fallback = {
      ...fallback(),
      assignee: [{ role: 'cashier' }, { field: 'serial' }],
      fields: { visible: ['nope'], editable: ['paid_at'], required: ['paid_too'] },
    };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/fallback/assignee/0/role', code: 'ref.unknown_role' },
      { path: '/flows/0/nodes/payment/fallback/assignee/1/field', code: 'ref.not_user_field' },
      { path: '/flows/0/nodes/payment/fallback/fields/required/0', code: 'ref.unknown_field' },
      { path: '/flows/0/nodes/payment/fallback/fields/visible/0', code: 'ref.unknown_field' },
    ]);
  });

  it('reports a delay that is no duration, or that would open the task only after the timeout', () => {
    const { bundle, nodes } = withFlow();
    nodes.payment.fallback = { ...fallback(), after: 'soon' };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/fallback/after', code: 'duration.invalid' },
    ]);
    nodes.payment.fallback.after = 'P7D';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/fallback/after', code: 'event.fallback_after_timeout' },
    ]);
  });
});
