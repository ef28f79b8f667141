import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppBundle, FormDef, SubflowNode } from '../../engine/definition/types.js';
import { FlowcaseError } from '../../engine/errors.js';
import { restoreSnapshot, type FlowEvent } from '../../engine/flow/index.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

/** CASE_FORM plus a relation field that remembers the child case. */
const FORM: FormDef = {
  ...CASE_FORM,
  fields: [...CASE_FORM.fields, { key: 'repair', type: 'relation', label: 'Repair', form: 'repair_request' }],
};

function world(node: Partial<SubflowNode> = {}) {
  return new FlowWorld({
    flow: flowOf({
      open_repair: {
        type: 'subflow',
        flow: 'repair',
        record: {
          set: { customer: { var: 'customer' }, description: { cat: ['Complaint: ', { var: 'title' }] } },
        },
        recordAs: 'repair',
        next: 'resolved',
        ...node,
      },
      resolved: { type: 'end', outcome: 'resolved' },
      handle: { type: 'end', outcome: 'handled' },
      escalate: { type: 'end', outcome: 'escalated' },
    }),
    form: FORM,
    record: { title: 'Screen flickers again', customer: 'c1' },
    records: { customer: { c1: { name: 'Ada' } }, repair_request: { r9: { status: 'closed' } } },
  });
}

/** The call the waiting token remembers. */
function call(w: FlowWorld) {
  const token = w.snapshot.tokens.find((t) => t.node === 'open_repair');
  if (!token?.subflow) throw new Error('no token waits at open_repair');
  return token.subflow;
}

describe('subflow node', () => {
  it('starts the flow on a new record computed from this one and waits for it', () => {
    const w = world();
    w.start();
    const [start] = w.effectsOf('subflow.start');
    expect(start).toEqual({
      type: 'subflow.start',
      node: 'open_repair',
      flow: 'repair',
      callId: expect.any(String),
      recordId: expect.any(String),
      create: true,
      data: { customer: 'c1', description: 'Complaint: Screen flickers again' },
    });
    expect(w.activeNodes()).toEqual(['open_repair']);
    expect(call(w)).toEqual({ callId: start!.callId, recordId: start!.recordId });
    expect(w.snapshot.status).toBe('active');
  });

  it('writes the new record id into the recordAs relation field, and the history names it', () => {
    const w = world();
    const { record } = w.start();
    const { recordId, callId } = w.effectsOf('subflow.start')[0]!;
    expect(record.repair).toBe(recordId);
    expect(w.effectsOf('record.update')).toEqual([
      {
        type: 'record.update',
        node: 'open_repair',
        form: 'case',
        target: 'self',
        changes: [{ field: 'repair', from: null, to: recordId }],
      },
    ]);
    expect(w.history().find((h) => h.type === 'subflow.started')).toMatchObject({
      node: 'open_repair',
      changes: [{ field: 'repair', from: null, to: recordId }],
      detail: { flow: 'repair', recordId, callId },
    });
  });

  it('with a target, starts the flow on that existing record and creates nothing', () => {
    const w = world({ record: undefined, target: 'r9', recordAs: undefined });
    w.start();
    expect(w.effectsOf('subflow.start')).toEqual([
      {
        type: 'subflow.start',
        node: 'open_repair',
        flow: 'repair',
        callId: expect.any(String),
        recordId: 'r9',
        create: false,
      },
    ]);
    expect(w.history().find((h) => h.type === 'subflow.started')?.detail).toMatchObject({
      recordId: 'r9',
      linked: true,
    });
  });

  it("the child's outcome picks the way on, and an outcome without a way goes to next", () => {
    const routed = world({ outcomes: { declined: 'handle' } });
    routed.start();
    routed.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(routed).callId,
      status: 'done',
      outcome: 'declined',
    });
    expect(routed.snapshot.outcome).toBe('handled');

    const plain = world({ outcomes: { declined: 'handle' } });
    plain.start();
    const { callId, recordId } = call(plain);
    plain.send({ type: 'subflow.done', node: 'open_repair', callId, status: 'done', outcome: 'completed' });
    expect(plain.snapshot.outcome).toBe('resolved');
    expect(plain.history()[0]).toMatchObject({
      type: 'subflow.ended',
      node: 'open_repair',
      detail: { flow: 'repair', recordId, status: 'done', outcome: 'completed' },
    });
  });

  it('a failed or cancelled child goes to outcomes[status], else onError, else fails the instance', () => {
    const byStatus = world({ outcomes: { cancelled: 'escalate' }, onError: 'handle' });
    byStatus.start();
    byStatus.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(byStatus).callId,
      status: 'cancelled',
    });
    expect(byStatus.snapshot.outcome).toBe('escalated');

    const onError = world({ onError: 'handle' });
    onError.start();
    onError.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(onError).callId,
      status: 'failed',
      detail: 'no branch matched',
    });
    expect(onError.snapshot.outcome).toBe('handled');

    const failing = world();
    failing.start();
    failing.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(failing).callId,
      status: 'failed',
      detail: 'no branch matched',
    });
    expect(failing.snapshot.status).toBe('failed');
    expect(failing.snapshot.failure).toEqual({
      node: 'open_repair',
      reason: 'The subflow "repair" ended failed: no branch matched',
    });
  });

  it('a child that could not start goes to onError (never to an outcome), else fails the instance', () => {
    const routed = world({ onError: 'handle', outcomes: { not_started: 'escalate' } });
    routed.start();
    routed.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(routed).callId,
      status: 'not_started',
      detail: 'too deep',
    });
    expect(routed.snapshot.outcome).toBe('handled');

    const failing = world();
    failing.start();
    failing.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: call(failing).callId,
      status: 'not_started',
      detail: 'too deep',
    });
    expect(failing.snapshot.failure?.reason).toBe('The subflow "repair" could not start: too deep');
  });

  it('a target that is not a record id cannot start: onError, else the instance fails', () => {
    const routed = world({ record: undefined, target: { var: 'owner' }, onError: 'handle' });
    routed.start();
    expect(routed.effectsOf('subflow.start')).toEqual([]);
    expect(routed.snapshot.outcome).toBe('handled');
    expect(routed.history().find((h) => h.type === 'subflow.ended')?.detail).toMatchObject({
      status: 'not_started',
    });

    const failing = world({ record: undefined, target: { var: 'owner' } });
    failing.start();
    expect(failing.snapshot.status).toBe('failed');
  });

  it('takes only the done event of its own call: another call id or node is not expected', () => {
    const w = world();
    w.start();
    const { callId } = call(w);
    expect(
      codeOf(() =>
        w.send({ type: 'subflow.done', node: 'open_repair', callId: 'an-older-call', status: 'done' }),
      ),
    ).toBe('FC_EVENT_NOT_EXPECTED');
    expect(codeOf(() => w.send({ type: 'subflow.done', node: 'resolved', callId, status: 'done' }))).toBe(
      'FC_EVENT_NOT_EXPECTED',
    );
    w.send({ type: 'subflow.done', node: 'open_repair', callId, status: 'done' });
    // Delivered twice: the second finds nobody waiting (the runtime treats that as delivered).
    expect(() => w.send({ type: 'subflow.done', node: 'open_repair', callId, status: 'done' })).toThrow(
      expect.objectContaining({ code: 'FC_INSTANCE_NOT_ACTIVE' }) as FlowcaseError,
    );
  });

  it('an instance cancelled while waiting asks the runtime to cancel the child', () => {
    const w = world();
    w.start();
    const { callId, recordId } = call(w);
    w.send({ type: 'cancel', reason: 'customer withdrew the complaint' });
    expect(w.effectsOf('subflow.cancel')).toEqual([
      { type: 'subflow.cancel', node: 'open_repair', callId, recordId },
    ]);
    expect(w.snapshot.tokens).toEqual([]);
  });

  it('keeps the waiting call in the snapshot through save and restore', () => {
    const w = world();
    w.start();
    expect(restoreSnapshot(JSON.parse(JSON.stringify(w.snapshot)))).toStrictEqual(w.snapshot);
    expect(
      codeOf(() =>
        restoreSnapshot({ ...w.snapshot, tokens: [{ ...w.snapshot.tokens[0]!, subflow: { callId: 7 } }] }),
      ),
    ).toBe('FC_SNAPSHOT_INVALID');
  });

  it('a rework loop that comes back starts a second child with a fresh call; the old call no longer releases it', () => {
    const w = new FlowWorld({
      flow: flowOf({
        open_repair: { type: 'subflow', flow: 'repair', record: { set: {} }, next: 'check' },
        check: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['approve', 'reject'],
          onApprove: 'done',
          onReject: 'open_repair',
        },
        done: { type: 'end', outcome: 'ok' },
      }),
      form: FORM,
      users: { d1: ['desk'] },
    });
    w.start();
    const first = call(w);
    w.send({
      type: 'subflow.done',
      node: 'open_repair',
      callId: first.callId,
      status: 'done',
      outcome: 'completed',
    });
    w.complete('check', 'd1', 'reject');
    const second = call(w);
    expect(second.callId).not.toBe(first.callId);
    expect(second.recordId).not.toBe(first.recordId);
    expect(
      codeOf(() =>
        w.send({ type: 'subflow.done', node: 'open_repair', callId: first.callId, status: 'done' }),
      ),
    ).toBe('FC_EVENT_NOT_EXPECTED');
  });
});

describe('a child instance', () => {
  it('records the case that started it in instance.started', () => {
    const w = new FlowWorld({ flow: flowOf({ done: { type: 'end', outcome: 'ok' } }), form: FORM });
    const parent = { recordId: 'cmp-1', instanceId: 'inst-1', node: 'open_repair', flow: 'complaint' };
    w.send({ type: 'start', parent });
    expect(w.history()[0]).toMatchObject({ type: 'instance.started', detail: { parent } });
  });
});

describe('subflow: random reports', () => {
  const bundle = JSON.parse(
    readFileSync(new URL('../golden/subflow.bundle.json', import.meta.url), 'utf8'),
  ) as AppBundle;
  const complaintFlow = bundle.flows.find((f) => f.key === 'complaint')!;
  const complaintForm = bundle.forms.find((f) => f.key === 'complaint')!;
  const STATUSES = ['done', 'failed', 'cancelled', 'not_started'] as const;
  const report = fc.record({
    kind: fc.nat(5),
    ownCall: fc.boolean(),
    node: fc.constantFrom('open_rework', 'handle', 'intake', 'nowhere'),
    status: fc.constantFrom(...STATUSES),
    outcome: fc.option(fc.constantFrom('completed', 'rejected', 'failed', 'cancelled', '__proto__'), {
      nil: undefined,
    }),
  });

  it('whatever subflow reports arrive, in whatever order, only the awaited call moves the case; failures change nothing', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 12 }), (reports) => {
        const w = new FlowWorld({
          flow: complaintFlow,
          form: complaintForm,
          users: { desk1: ['desk'] },
          record: { customer: 'c1', category: 'repair_quality', description: 'Again' },
        });
        w.start();
        for (const r of reports) {
          const before = JSON.stringify(w.snapshot);
          const waiting = w.snapshot.tokens.find((t) => t.subflow);
          let event: FlowEvent;
          if (r.kind === 0) {
            const task = w.snapshot.tasks[0];
            event = {
              type: 'task.complete',
              taskId: task?.id ?? 'gone',
              action: task?.node === 'handle' ? 'submit' : 'approve',
              data: task?.node === 'handle' ? { remedy: 'x' } : {},
            };
          } else if (r.kind === 1) {
            event = { type: 'cancel' };
          } else {
            const callId = r.ownCall && waiting ? waiting.subflow!.callId : 'another-call';
            event = {
              type: 'subflow.done',
              node: r.node,
              callId,
              status: r.status,
              ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
            };
          }
          try {
            w.send(event, event.type === 'task.complete' ? 'desk1' : 'system');
          } catch (e) {
            if (!(e instanceof FlowcaseError)) throw e;
            expect(JSON.stringify(w.snapshot)).toBe(before);
            continue;
          }
          if (event.type === 'subflow.done') expect(event.callId).toBe(waiting?.subflow?.callId);
          if (w.snapshot.status !== 'active') expect(w.snapshot.tokens).toEqual([]);
          expect(restoreSnapshot(JSON.parse(JSON.stringify(w.snapshot)))).toStrictEqual(w.snapshot);
        }
      }),
      { numRuns: 200 },
    );
  });
});
