import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

describe('end node', () => {
  it("ends the instance with the node's outcome", () => {
    const w = new FlowWorld({
      flow: flowOf({ finish: { type: 'end', outcome: 'closed' } }),
      form: CASE_FORM,
    });
    w.start();
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'closed', tokens: [] });
    expect(w.effectsOf('instance.end')).toEqual([
      { type: 'instance.end', status: 'done', outcome: 'closed' },
    ]);
    expect(w.history().at(-1)).toMatchObject({
      type: 'instance.ended',
      node: 'finish',
      detail: { outcome: 'closed' },
    });
  });

  it('without an outcome the instance is simply done', () => {
    const w = new FlowWorld({ flow: flowOf({ finish: { type: 'end' } }), form: CASE_FORM });
    w.start();
    expect(w.snapshot.status).toBe('done');
    expect(w.snapshot.outcome).toBeUndefined();
    expect(w.effectsOf('instance.end')).toEqual([{ type: 'instance.end', status: 'done' }]);
  });

  it('cancels every open task and timer of other branches', () => {
    const w = new FlowWorld({
      flow: flowOf({
        split: { type: 'parallel', branches: ['slow', 'fast'] },
        slow: { type: 'task', assignee: { role: 'desk' }, sla: { due: 'P1D' }, next: 'merge' },
        fast: { type: 'wait', duration: 'PT1H', next: 'finish' },
        merge: { type: 'join', next: 'finish' },
        finish: { type: 'end', outcome: 'early' },
      }),
      form: CASE_FORM,
      users: { d: ['desk'] },
    });
    w.start();
    const slowTask = w.task('slow').id;
    const slaTimer = w.timer('sla.due').id;
    w.fire('wait');
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: slowTask }]);
    expect(w.effectsOf('timer.cancel')).toEqual([{ type: 'timer.cancel', timerId: slaTimer }]);
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'early', tasks: [], timers: [], tokens: [] });
  });
});
