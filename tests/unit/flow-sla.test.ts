import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

const USERS = { desk1: ['desk'], boss: ['manager'] };

function slaWorld() {
  return new FlowWorld({
    flow: flowOf({
      intake: {
        type: 'task',
        name: { en: 'Intake', zh: '受理' },
        assignee: { role: 'desk' },
        sla: { due: 'PT4H', remind: 'PT1H', escalateTo: [{ role: 'manager' }] },
        next: 'done',
      },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    users: USERS,
    now: '2025-03-03T09:00:00.000Z',
  });
}

describe('task SLA (时效)', () => {
  it('schedules a reminder at due − remind and a due timer when the task opens', () => {
    const w = slaWorld();
    w.start();
    expect(w.task('intake').dueAt).toBe('2025-03-03T13:00:00.000Z');
    expect(w.effectsOf('timer.schedule').map((e) => [e.timer.kind, e.timer.dueAt])).toEqual([
      ['sla.remind', '2025-03-03T12:00:00.000Z'],
      ['sla.due', '2025-03-03T13:00:00.000Z'],
    ]);
  });

  it('a reminder notifies the assignees', () => {
    const w = slaWorld();
    w.start();
    w.fire('sla.remind');
    expect(w.effectsOf('notify')).toEqual([
      expect.objectContaining({
        reason: 'sla.remind',
        to: [{ role: 'desk' }],
        text: { en: expect.stringContaining('Intake'), zh: expect.stringContaining('受理') },
      }),
    ]);
    expect(w.history().map((h) => h.type)).toEqual(['sla.reminded']);
    expect(w.snapshot.timers.map((t) => t.kind)).toEqual(['sla.due']);
  });

  it('at the due time the task is breached, escalated and everyone is notified', () => {
    const w = slaWorld();
    w.start();
    w.fire('sla.remind');
    w.fire('sla.due');
    expect(w.task('intake')).toMatchObject({
      breached: true,
      assignees: [{ role: 'desk' }, { role: 'manager' }],
    });
    expect(w.effectsOf('task.update')[0]!.task.breached).toBe(true);
    expect(w.history()[0]).toMatchObject({
      type: 'sla.breached',
      node: 'intake',
      detail: { escalatedTo: [{ role: 'manager' }] },
    });
    expect(w.effectsOf('notify')[0]).toMatchObject({
      reason: 'sla.breach',
      to: [{ role: 'desk' }, { role: 'manager' }],
    });
    // The escalation target may now act.
    w.complete('intake', 'boss');
    expect(w.snapshot.status).toBe('done');
  });

  it('completing the task cancels its timers', () => {
    const w = slaWorld();
    w.start();
    const ids = w.snapshot.timers.map((t) => t.id);
    w.complete('intake', 'desk1');
    expect(
      w
        .effectsOf('timer.cancel')
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(w.snapshot.timers).toEqual([]);
  });

  it('a timer that fires after its task was completed is a no-op (timers race with completions)', () => {
    const w = new FlowWorld({
      flow: flowOf({
        a: { type: 'task', assignee: { role: 'desk' }, sla: { due: 'PT1H' }, next: 'b' },
        b: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    const stale = w.timer('sla.due');
    w.complete('a', 'desk1');
    const before = w.snapshot;
    const result = w.send({ type: 'timer.fire', timerId: stale.id });
    expect(result.effects).toEqual([]);
    expect(result.snapshot).toEqual(before);
  });

  it('a reminder that would already be due is not scheduled', () => {
    const w = new FlowWorld({
      flow: flowOf({
        a: { type: 'task', assignee: { role: 'desk' }, sla: { due: 'PT1H', remind: 'PT2H' }, next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    expect(w.snapshot.timers.map((t) => t.kind)).toEqual(['sla.due']);
  });
});
