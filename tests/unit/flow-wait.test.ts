import { describe, expect, it } from 'vitest';
import type { WaitNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function waitWorld(node: Partial<WaitNode>, record: Record<string, unknown> = {}) {
  return new FlowWorld({
    flow: flowOf({
      pause: { type: 'wait', next: 'done', ...node },
      done: { type: 'end', outcome: 'waited' },
    }),
    form: CASE_FORM,
    record,
    now: '2025-03-03T09:00:00.000Z',
  });
}

describe('wait node', () => {
  it('schedules a wait timer at now + duration and continues when it fires', () => {
    const w = waitWorld({ duration: 'P3D' });
    w.start();
    expect(w.snapshot.timers).toEqual([
      {
        id: expect.any(String),
        kind: 'wait',
        node: 'pause',
        dueAt: '2025-03-06T09:00:00.000Z',
        tokenId: w.snapshot.tokens[0]!.id,
      },
    ]);
    w.fire('wait');
    expect(w.history().map((h) => h.type)).toEqual(['wait.elapsed', 'instance.ended']);
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'waited', timers: [] });
  });

  it('waits until the date held in a field', () => {
    const w = waitWorld({ until: 'follow_up' }, { follow_up: '2025-04-01' });
    w.start();
    expect(w.timer('wait').dueAt).toBe('2025-04-01T00:00:00.000Z');
  });

  it('an empty until field fails the instance', () => {
    const w = waitWorld({ until: 'follow_up' });
    w.start();
    expect(w.snapshot).toMatchObject({ status: 'failed', failure: { node: 'pause' } });
  });

  it('cancelling the instance cancels the timer', () => {
    const w = waitWorld({ duration: 'PT1H' });
    w.start();
    const timer = w.timer('wait');
    w.send({ type: 'cancel', reason: 'duplicate' });
    expect(w.effectsOf('timer.cancel')).toEqual([{ type: 'timer.cancel', timerId: timer.id }]);
    expect(w.snapshot).toMatchObject({ status: 'cancelled', timers: [], tokens: [] });
  });
});
