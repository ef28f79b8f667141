import { describe, expect, it } from 'vitest';
import type { EventNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf, codeOf } from './flow-test-kit.js';

function eventWorld(node: Partial<EventNode> = {}) {
  return new FlowWorld({
    flow: flowOf({
      paid: {
        type: 'event',
        name: 'payment.confirmed',
        fields: ['payment_ref', 'paid'],
        next: 'done',
        ...node,
      },
      done: { type: 'end', outcome: 'paid' },
      late: { type: 'end', outcome: 'unpaid' },
    }),
    form: CASE_FORM,
    record: { title: 'Battery', amount: 120 },
  });
}

describe('event node', () => {
  it('waits for the named event and writes its payload into the listed fields', () => {
    const w = eventWorld();
    w.start();
    expect(w.activeNodes()).toEqual(['paid']);
    const { record } = w.send({
      type: 'event.receive',
      name: 'payment.confirmed',
      payload: { payment_ref: 'PAY-77', paid: 120, gateway: 'x' },
    });
    expect(record).toMatchObject({ payment_ref: 'PAY-77', paid: 120 });
    expect(record.gateway).toBeUndefined();
    expect(w.history()[0]).toMatchObject({
      type: 'event.received',
      node: 'paid',
      actor: 'system',
      changes: [
        { field: 'payment_ref', from: null, to: 'PAY-77' },
        { field: 'paid', from: null, to: 120 },
      ],
    });
    expect(w.snapshot.outcome).toBe('paid');
  });

  it('refuses invalid payload values and keeps waiting', () => {
    const w = eventWorld();
    w.start();
    const before = w.snapshot;
    expect(
      codeOf(() => w.send({ type: 'event.receive', name: 'payment.confirmed', payload: { paid: -5 } })),
    ).toBe('FC_VALIDATION_FAILED');
    expect(w.snapshot).toBe(before);
  });

  it('an event nobody waits for is not expected', () => {
    const w = eventWorld();
    w.start();
    expect(codeOf(() => w.send({ type: 'event.receive', name: 'shipment.lost' }))).toBe(
      'FC_EVENT_NOT_EXPECTED',
    );
  });

  it('a timeout goes to onTimeout and a later event is no longer expected', () => {
    const w = eventWorld({ timeout: 'P7D', onTimeout: 'late' });
    w.start();
    expect(w.timer('event.timeout').dueAt).toBe('2025-03-10T09:00:00.000Z');
    w.fire('event.timeout');
    expect(w.snapshot.outcome).toBe('unpaid');
    expect(codeOf(() => w.send({ type: 'event.receive', name: 'payment.confirmed' }))).toBe(
      'FC_INSTANCE_NOT_ACTIVE',
    );
  });

  it('the event in time cancels the timeout', () => {
    const w = eventWorld({ timeout: 'P7D' });
    w.start();
    const timeout = w.timer('event.timeout');
    w.send({ type: 'event.receive', name: 'payment.confirmed', payload: {} });
    expect(w.effectsOf('timer.cancel')).toEqual([{ type: 'timer.cancel', timerId: timeout.id }]);
  });
});
