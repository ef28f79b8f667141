/**
 * `reasonField`: a reject or return at a node that names a text field writes the action's comment
 * into it (so notices, exports and dashboards carry the reason), the history shows the change, and
 * a blank reason is refused at /comment.
 */
import { describe, expect, it } from 'vitest';
import { FlowcaseError } from '../../engine/errors.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = { desk1: ['desk'], qa1: ['qa'] };

function world() {
  return new FlowWorld({
    flow: flowOf({
      intake: {
        type: 'task',
        assignee: { role: 'desk' },
        actions: ['approve', 'reject'],
        fields: { visible: ['title'], editable: ['title'] },
        reasonField: 'note',
        onApprove: 'check',
        onReject: 'rejected',
      },
      check: {
        type: 'task',
        assignee: { role: 'qa' },
        actions: ['approve', 'return'],
        returnTo: ['intake'],
        reasonField: 'payment_ref',
        onApprove: 'done',
      },
      rejected: { type: 'end', outcome: 'rejected' },
      done: { type: 'end', outcome: 'done' },
    }),
    form: CASE_FORM,
    users: USERS,
  });
}

function problemsOf(fn: () => unknown): { code: string; path: string; problems: string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof FlowcaseError)
      return { code: e.code, path: e.path, problems: e.problems.map((p) => `${p.path} ${p.code}`) };
    throw e;
  }
  return { code: 'no error', path: '', problems: [] };
}

describe('reasonField', () => {
  it('a reject writes its comment into the field, and the history shows the change', () => {
    const w = world();
    w.start();
    w.complete('intake', 'desk1', 'reject', { comment: '  Water damage is not covered ' });
    expect(w.record.note).toBe('Water damage is not covered');
    expect(w.effectsOf('record.update')).toEqual([
      {
        type: 'record.update',
        node: 'intake',
        form: 'case',
        target: 'self',
        changes: [{ field: 'note', from: null, to: 'Water damage is not covered' }],
      },
    ]);
    expect(w.history()[0]).toMatchObject({
      type: 'task.completed',
      action: 'reject',
      comment: '  Water damage is not covered ',
      changes: [{ field: 'note', from: null, to: 'Water damage is not covered' }],
    });
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'rejected' });
  });

  it('a reject or return with a blank reason is refused at /comment and changes nothing', () => {
    const w = world();
    w.start();
    for (const comment of [undefined, '', '   ']) {
      expect(
        problemsOf(() => w.complete('intake', 'desk1', 'reject', comment === undefined ? {} : { comment })),
      ).toEqual({
        code: 'FC_VALIDATION_FAILED',
        path: '/comment',
        problems: ['/comment field.required'],
      });
    }
    expect(w.snapshot.tasks.map((t) => t.node)).toEqual(['intake']);
    w.complete('intake', 'desk1', 'approve');
    expect(problemsOf(() => w.complete('check', 'qa1', 'return', { returnTo: 'intake' })).path).toBe(
      '/comment',
    );
  });

  it('a return writes its reason too, and the reopened step sees it', () => {
    const w = world();
    w.start();
    w.complete('intake', 'desk1', 'approve');
    w.complete('check', 'qa1', 'return', { returnTo: 'intake', comment: 'Serial number missing' });
    expect(w.record.payment_ref).toBe('Serial number missing');
    expect(w.history()[0]).toMatchObject({
      type: 'task.returned',
      changes: [{ field: 'payment_ref', from: null, to: 'Serial number missing' }],
    });
    expect(w.task('intake').iteration).toBe(2);
  });

  it('approving needs no reason and writes nothing into the field', () => {
    const w = world();
    w.start();
    w.complete('intake', 'desk1', 'approve', { comment: 'Looks fine' });
    expect(w.record.note).toBeUndefined();
  });

  it('data naming the reason field with another value is refused; the same value is tolerated', () => {
    const w = world();
    w.start();
    expect(
      problemsOf(() => w.complete('intake', 'desk1', 'reject', { comment: 'A', data: { note: 'B' } })),
    ).toEqual({
      code: 'FC_VALIDATION_FAILED',
      path: '/data/note',
      problems: ['/note field.reason_from_comment'],
    });
    w.complete('intake', 'desk1', 'reject', { comment: 'A', data: { note: 'A' } });
    expect(w.record.note).toBe('A');
  });

  it('a reason longer than the field allows is refused at /comment', () => {
    const w = new FlowWorld({
      flow: flowOf({
        intake: { type: 'task', assignee: { role: 'desk' }, actions: ['reject'], reasonField: 'title' },
      }),
      form: {
        ...CASE_FORM,
        fields: CASE_FORM.fields.map((f) => (f.key === 'title' ? { ...f, maxLength: 5 } : f)),
      },
      users: USERS,
    });
    w.start();
    expect(
      problemsOf(() => w.complete('intake', 'desk1', 'reject', { comment: 'Far too long' })).problems,
    ).toEqual(['/comment field.max_length']);
  });

  it('the assignee check comes first: someone else gets 403, not a question about the reason', () => {
    const w = world();
    w.start();
    expect(codeOf(() => w.complete('intake', 'qa1', 'reject'))).toBe('FC_TASK_NOT_ASSIGNEE');
  });
});
