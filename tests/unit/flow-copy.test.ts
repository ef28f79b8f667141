import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

const USERS = { desk1: ['desk'], boss: ['manager'], owner1: ['tech'] };

describe('抄送 (cc) on a task node', () => {
  function world() {
    return new FlowWorld({
      flow: flowOf({
        review: {
          type: 'task',
          name: { en: 'Review', zh: '审核' },
          assignee: { role: 'desk' },
          cc: [{ role: 'manager' }, { field: 'owner' }, { field: 'note' }, { submitter: true }],
          fields: { visible: ['title', 'amount'], editable: ['note'], required: ['note'] },
          next: 'done',
        },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
      record: { title: 'Broken screen', owner: 'owner1' },
    });
  }

  it('copies the resolved people when the task opens, with what the node shows and its task', () => {
    const w = world();
    w.start();
    const [copy, ...more] = w.effectsOf('copy.create');
    expect(more).toEqual([]);
    expect(copy).toEqual({
      type: 'copy.create',
      copyId: expect.any(String),
      node: 'review',
      nodeName: { en: 'Review', zh: '审核' },
      // Roles stay roles (every holder reads the copy); an empty or non-user field copies nobody.
      to: [{ role: 'manager' }, { user: 'owner1' }, { user: 'customer1' }],
      // visible + editable + required, in the form's order.
      fields: ['title', 'amount', 'note'],
      reason: 'node',
      taskId: w.task('review').id,
    });
    expect(w.history().find((h) => h.type === 'copy.sent')).toMatchObject({
      node: 'review',
      detail: { to: copy!.to, reason: 'node', taskId: w.task('review').id },
    });
  });

  it('a copied person may not act on the task: copies are for information', () => {
    const w = world();
    w.start();
    expect(() => w.complete('review', 'boss', 'submit', { data: { note: 'ok' } })).toThrow(
      /not assigned|assignee/i,
    );
  });

  it('a node without a visible list shows, and so copies, every field', () => {
    const w = new FlowWorld({
      flow: flowOf({
        t: { type: 'task', assignee: { role: 'desk' }, cc: [{ role: 'manager' }], next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    expect(w.effectsOf('copy.create')[0]!.fields).toEqual(CASE_FORM.fields.map((f) => f.key));
  });

  it('nobody to copy (an empty user field) is neither a copy nor an error', () => {
    const w = new FlowWorld({
      flow: flowOf({
        t: { type: 'task', assignee: { role: 'desk' }, cc: [{ field: 'owner' }], next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    expect(w.effectsOf('copy.create')).toEqual([]);
    expect(w.history().map((h) => h.type)).not.toContain('copy.sent');
    expect(w.snapshot.status).toBe('active');
  });

  it('copies again each time a rework loop reopens the node', () => {
    const w = new FlowWorld({
      flow: flowOf({
        fix: { type: 'task', assignee: { role: 'tech' }, cc: [{ role: 'manager' }], next: 'check' },
        check: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['approve', 'return'],
          returnTo: ['fix'],
          next: 'done',
        },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    w.complete('fix', 'owner1');
    expect(w.effectsOf('copy.create')).toEqual([]);
    w.complete('check', 'desk1', 'return', { returnTo: 'fix' });
    expect(w.effectsOf('copy.create').map((c) => [c.node, c.reason])).toEqual([['fix', 'node']]);
  });
});

describe('抄送 on an SLA breach (sla.cc)', () => {
  it('copies sla.cc when the task breaches, besides escalating, and not when it opens', () => {
    const w = new FlowWorld({
      flow: flowOf({
        intake: {
          type: 'task',
          name: { en: 'Intake', zh: '受理' },
          assignee: { role: 'desk' },
          fields: { visible: ['title'] },
          sla: { due: 'PT1H', escalateTo: [{ role: 'manager' }], cc: [{ user: 'boss' }] },
          next: 'done',
        },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    expect(w.effectsOf('copy.create')).toEqual([]);
    w.fire('sla.due');
    expect(w.effectsOf('copy.create')).toEqual([
      expect.objectContaining({
        node: 'intake',
        to: [{ user: 'boss' }],
        fields: ['title'],
        reason: 'sla.breach',
        taskId: w.task('intake').id,
      }),
    ]);
    expect(w.history().map((h) => h.type)).toEqual(['sla.breached', 'copy.sent']);
  });
});

describe('抄送 on a notify node', () => {
  it('copies with the fields the message reads, when it is sent', () => {
    const w = new FlowWorld({
      flow: flowOf({
        tell: {
          type: 'notify',
          name: { en: 'Tell the customer', zh: '通知客户' },
          to: [{ submitter: true }],
          channel: 'inapp',
          subject: 'Case {{title}}',
          template: { en: 'Amount {{amount}}{{#if note}}: {{note}}{{/if}}', zh: '金额 {{amount}}' },
          cc: [{ role: 'manager' }],
          next: 'done',
        },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
      record: { title: 'T', amount: 5 },
    });
    w.start();
    expect(w.effectsOf('copy.create')).toEqual([
      expect.objectContaining({
        node: 'tell',
        to: [{ role: 'manager' }],
        fields: ['title', 'amount', 'note'],
        reason: 'node',
      }),
    ]);
    expect(w.effectsOf('copy.create')[0]).not.toHaveProperty('taskId');
    expect(w.snapshot.status).toBe('done');
  });
});

describe('validator: cc rules', () => {
  const bundle = (cc: unknown, notifyCc: unknown = [{ role: 'desk' }]) => ({
    format: 'flowcase/app@1',
    key: 'ccapp',
    name: 'Cc',
    version: 1,
    roles: [
      { key: 'desk', name: 'Desk' },
      { key: 'boss', name: 'Boss', supervise: true },
    ],
    forms: [
      {
        key: 'case',
        name: 'Case',
        fields: [
          { key: 'title', type: 'text', label: 'T' },
          { key: 'owner', type: 'user', label: 'O' },
          { key: 'mail', type: 'email', label: 'M' },
        ],
      },
    ],
    flows: [
      {
        key: 'f',
        name: 'F',
        form: 'case',
        trigger: { on: 'record.created' },
        start: 't',
        nodes: {
          t: { type: 'task', assignee: { role: 'desk' }, cc, sla: { due: 'PT1H', cc }, next: 'n' },
          n: {
            type: 'notify',
            to: [{ field: 'mail' }],
            channel: 'email',
            template: 'x',
            cc: notifyCc,
            next: 'e',
          },
          e: { type: 'end' },
        },
      },
    ],
    dashboards: [],
  });

  it('accepts roles, users, user fields and the submitter (and supervise on a role)', () => {
    expect(
      validateBundle(bundle([{ role: 'boss' }, { user: 'u1' }, { field: 'owner' }, { submitter: true }])),
    ).toEqual([]);
  });

  it('names each bad rule by its JSON path', () => {
    const problems = validateBundle(
      bundle([{ role: 'nobody' }, { field: 'mail' }, { field: 'gone' }], [{ role: 'ghost' }]),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/flows/0/nodes/n/cc/0/role', 'ref.unknown_role'],
      ['/flows/0/nodes/t/cc/0/role', 'ref.unknown_role'],
      ['/flows/0/nodes/t/cc/1/field', 'ref.not_user_field'],
      ['/flows/0/nodes/t/cc/2/field', 'ref.unknown_field'],
      ['/flows/0/nodes/t/sla/cc/0/role', 'ref.unknown_role'],
      ['/flows/0/nodes/t/sla/cc/1/field', 'ref.not_user_field'],
      ['/flows/0/nodes/t/sla/cc/2/field', 'ref.unknown_field'],
    ]);
  });

  it('a cc that is not a list of rules is a schema problem at its path', () => {
    const problems = validateBundle(bundle({ role: 'desk' }));
    expect(problems.map((p) => p.path)).toContain('/flows/0/nodes/t/cc');
    expect(problems.map((p) => p.path)).toContain('/flows/0/nodes/t/sla/cc');
  });
});
