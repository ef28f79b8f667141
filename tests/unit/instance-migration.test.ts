/**
 * Moving one case onto another version of its flow (engine/flow/instance-migration.ts): a task at
 * a step that still exists is kept and only its deadline is computed again; a step mapped
 * elsewhere or going to other people has its task cancelled and the new step entered; a gone
 * step without a mapping, or a parallel split the case is inside that is gone, refuses the move.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDef } from '../../engine/index.js';
import { migrateInstance } from '../../engine/flow/index.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const v1 = flowOf({
  review: { type: 'task', assignee: { role: 'desk' }, sla: { due: 'PT4H', remind: 'PT1H' }, next: 'ship' },
  ship: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
  done: { type: 'end' },
});

function world(): FlowWorld {
  const w = new FlowWorld({ flow: v1, form: CASE_FORM, users: { d: ['desk'], m: ['manager'] } });
  w.start();
  return w;
}

const move = (w: FlowWorld, to: FlowDef, mapping?: Record<string, string>) =>
  migrateInstance(
    to,
    w.snapshot,
    { from: v1, fromVersion: 1, toVersion: 2, ...(mapping ? { mapping } : {}) },
    w.env('admin'),
  );

describe('migrating an instance', () => {
  it('keeps the open task and re-computes its deadline from when it opened', () => {
    const w = world();
    const task = w.task('review');
    w.advance('PT2H');
    const to = flowOf({
      ...v1.nodes,
      review: { ...v1.nodes['review']!, sla: { due: 'PT8H', remind: 'PT1H' } } as never,
    });
    const result = move(w, to);
    expect(result.snapshot.version).toBe(2);
    expect(result.snapshot.tasks).toEqual([{ ...task, dueAt: '2025-03-03T17:00:00.000Z' }]);
    expect(result.snapshot.timers.map((t) => [t.kind, t.dueAt])).toEqual([
      ['sla.remind', '2025-03-03T16:00:00.000Z'],
      ['sla.due', '2025-03-03T17:00:00.000Z'],
    ]);
    expect(result.effects.filter((e) => e.type === 'timer.cancel')).toHaveLength(2);
    expect(result.effects.some((e) => e.type === 'task.cancel' || e.type === 'task.create')).toBe(false);
    expect(result.moves).toEqual([{ node: 'review', to: 'review', how: 'kept', timers: ['sla.due'] }]);
    const history = result.effects.flatMap((e) => (e.type === 'history' ? [e.event] : []));
    expect(history.map((h) => h.type)).toEqual(['instance.migrated']);
  });

  it('re-creates the task at a mapped step, and for other assignees', () => {
    const w = world();
    const old = w.task('review');
    const to = flowOf({
      check: { type: 'task', assignee: { role: 'manager' }, next: 'ship' },
      ship: v1.nodes['ship']!,
      done: { type: 'end' },
    });
    const result = move(w, to, { review: 'check' });
    expect(result.effects.find((e) => e.type === 'task.cancel')).toEqual({
      type: 'task.cancel',
      taskId: old.id,
    });
    expect(result.snapshot.tasks.map((t) => [t.node, t.assignees])).toEqual([
      ['check', [{ role: 'manager' }]],
    ]);
    expect(result.snapshot.timers).toEqual([]);
    expect(result.moves).toEqual([{ node: 'review', to: 'check', how: 'reentered' }]);
  });

  it('refuses a gone step without a mapping, and a parallel split that is gone', () => {
    const w = world();
    const to = flowOf({ ship: v1.nodes['ship']!, done: { type: 'end' } });
    expect(codeOf(() => move(w, to))).toBe('FC_VALIDATION_FAILED');
    const split = new FlowWorld({
      flow: flowOf({
        split: { type: 'parallel', branches: ['a', 'b'] },
        a: { type: 'task', assignee: { role: 'desk' }, next: 'merge' },
        b: { type: 'task', assignee: { role: 'desk' }, next: 'merge' },
        merge: { type: 'join', next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: { d: ['desk'] },
    });
    split.start();
    const flat = flowOf({
      a: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
      b: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
      done: { type: 'end' },
    });
    expect(
      codeOf(() =>
        migrateInstance(
          flat,
          split.snapshot,
          { from: split.flow, fromVersion: 1, toVersion: 2 },
          split.env('admin'),
        ),
      ),
    ).toBe('FC_VALIDATION_FAILED');
  });
});
