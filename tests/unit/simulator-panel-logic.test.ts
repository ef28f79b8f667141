/**
 * The simulator panel's logic, without a browser: who the designer may act as, what a run shows
 * (tasks, timers, effects never sent, each persona's choices), the clock's jump to the next timer,
 * and a run saved as a scenario that replays to the same end along the same path.
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/definition/types.js';
import { runScenario, simulate, startSimulation } from '../../engine/flow/simulator/index.js';
import { personasOf, plain, scenarioPersonas } from '../../designer/src/flow-designer/simulator/personas.js';
import {
  durationBetween,
  freeKey,
  nextTimerMove,
  scenarioOf,
  withScenarios,
} from '../../designer/src/flow-designer/simulator/run-moves.js';
import { runView } from '../../designer/src/flow-designer/simulator/run-view.js';
import { scenarioChanges } from '../../designer/src/flow-designer/simulator/scenario-changes.js';
import { ANNA, claimBundle, MARK, SAM } from './simulator-kit.js';

const START = '2026-03-02T09:00:00.000Z';

function withSignoff(): AppBundle {
  const bundle = claimBundle();
  bundle.roles.push({ key: 'employee', name: 'Employee', customer: true });
  const review = bundle.flows[0]!.nodes['manager_review'];
  if (review?.type !== 'task') throw new Error('manager_review is a task');
  review.mode = 'all';
  bundle.forms[0]!.fields.push({ key: 'approver', type: 'user', label: 'Approver' });
  return bundle;
}

describe('personas', () => {
  it('are the submitter (holding the customer roles), someone per staff role, two for a role a 会签 task or its escalation names, and users a user field names', () => {
    const personas = personasOf(withSignoff(), 'claim_flow', { approver: 'zoe' });
    expect(personas.map((p) => [p.user, p.roles, p.as.kind])).toEqual([
      ['submitter', ['employee'], 'submitter'],
      ['clerk_1', ['clerk'], 'role'],
      ['manager_1', ['manager'], 'role'],
      ['manager_2', ['manager'], 'role'],
      ['director_1', ['director'], 'role'],
      ['director_2', ['director'], 'role'],
      ['zoe', [], 'field'],
    ]);
    expect(plain(personas.at(-1)!)).toEqual({ user: 'zoe' });
  });

  it('of a saved scenario are its submitter and people, each once', () => {
    expect(scenarioPersonas(SAM, [ANNA, MARK, ANNA]).map((p) => p.user)).toEqual(['sam', 'anna', 'mark']);
  });
});

describe('a run as the panel shows it', () => {
  const bundle = claimBundle();
  const sim = startSimulation({
    bundle,
    flow: 'claim_flow',
    record: { title: 'Laptop', amount: 2400 },
    submitter: SAM,
    people: [ANNA, MARK],
    now: START,
  });

  it('lists the open task with its SLA, the timers earliest first, and what each persona may do', () => {
    const view = runView(sim, [SAM, ANNA, MARK]);
    expect(view.status).toBe('active');
    expect(view.active).toEqual(['manager_review']);
    expect(view.path).toEqual(['size', 'manager_review']);
    expect(view.tasks).toEqual([
      expect.objectContaining({
        node: 'manager_review',
        assignees: [{ role: 'manager' }],
        dueAt: '2026-03-04T09:00:00.000Z',
        breached: false,
      }),
    ]);
    expect(view.timers.map((t) => [t.kind, t.dueAt])).toEqual([
      ['sla.remind', '2026-03-03T09:00:00.000Z'],
      ['sla.due', '2026-03-04T09:00:00.000Z'],
    ]);
    expect(view.choices['anna']).toEqual([]);
    expect(view.choices['mark']).toEqual([
      expect.objectContaining({ node: 'manager_review', actions: ['approve', 'reject'], editable: [] }),
    ]);
  });

  it('jumps the clock to the next timer: the reminder goes out as an effect, never sent', () => {
    const move = nextTimerMove(runView(sim, []));
    expect(move).toEqual({ type: 'advance', by: 'P1D' });
    const later = runView(simulate(sim, move!), [MARK]);
    expect(later.now).toBe('2026-03-03T09:00:00.000Z');
    expect(later.effects).toEqual([
      expect.objectContaining({
        type: 'notify',
        node: 'manager_review',
        to: expect.stringContaining('@manager'),
        at: '2026-03-03T09:00:00.000Z',
      }),
    ]);
    expect(later.timers.map((t) => t.kind)).toEqual(['sla.due']);
  });

  it('shows record writes and notices as effects with their text', () => {
    const paid = simulate(
      simulate(sim, { type: 'act', as: MARK, node: 'manager_review', action: 'approve' }),
      {
        type: 'advance',
        by: 'P1D',
      },
    );
    const view = runView(paid, []);
    expect(view.status).toBe('done');
    expect(view.outcome).toBe('paid');
    expect(view.effects.map((e) => e.type)).toEqual(['record.update', 'notify']);
    expect(view.effects[0]!.text.en).toBe('status = "paid"');
    expect(view.effects[1]!.text.en).toContain('Your claim Laptop of 2400 was paid.');
  });
});

describe('the clock and saving a run', () => {
  it('measures the jump to a timer as an ISO duration, rounding up to the second', () => {
    expect(durationBetween(START, '2026-03-02T10:30:00.000Z')).toBe('PT1H30M');
    expect(durationBetween(START, '2026-03-14T09:00:00.500Z')).toBe('P12DT1S');
    expect(durationBetween(START, START)).toBeUndefined();
  });

  it('saves a run as a scenario that replays to the end and path it reached', () => {
    const bundle = claimBundle();
    const setup = {
      bundle,
      flow: 'claim_flow',
      record: { title: 'Taxi', amount: 80 },
      submitter: SAM,
      people: [ANNA],
      now: START,
    };
    const moves = [{ type: 'act' as const, as: ANNA, node: 'clerk_review', action: 'approve' as const }];
    let sim = startSimulation(setup);
    for (const m of moves) sim = simulate(sim, m);
    const view = runView(sim, []);
    const key = freeKey(['run_1', 'other']);
    expect(key).toBe('run_2');
    const scenario = scenarioOf({
      key,
      name: { en: 'Small claim', zh: '小额' },
      flow: 'claim_flow',
      start: START,
      submitter: SAM,
      people: [ANNA],
      record: setup.record,
      records: {},
      moves,
      reached: view,
    });
    expect(scenario.expect).toEqual({
      status: 'active',
      path: ['size', 'clerk_review', 'mark_paid', 'cool_off'],
    });
    expect(scenario).not.toHaveProperty('records');
    expect(runScenario(bundle, scenario)).toMatchObject({ passed: true, changes: [] });
    // Saved into a bundle whose host has not reloaded: it replaces one of the same key.
    const merged = withScenarios({ ...bundle, scenarios: [{ ...scenario, name: 'old' }] }, [scenario]);
    expect(merged.scenarios).toEqual([scenario]);
    // An edit sending clerk-approved claims straight to the end changes its path: flagged.
    const edited = claimBundle();
    const clerk = edited.flows[0]!.nodes['clerk_review'];
    if (clerk?.type !== 'task') throw new Error('clerk_review is a task');
    clerk.onApprove = 'paid';
    const result = runScenario(edited, scenario);
    expect(result.passed).toBe(false);
    // Told in parts the panel words in zh or en: another status, another outcome, where the paths part.
    expect(scenarioChanges(scenario, result)).toEqual([
      { kind: 'status', now: 'done', was: 'active' },
      { kind: 'outcome', now: 'paid', was: undefined },
      {
        kind: 'path',
        now: ['size', 'clerk_review', 'paid'],
        was: ['size', 'clerk_review', 'mark_paid', 'cool_off'],
        from: 2,
      },
    ]);
    // A move that can no longer be made: the clerk's task is gone.
    delete edited.flows[0]!.nodes['clerk_review'];
    const size = edited.flows[0]!.nodes['size'];
    if (size?.type !== 'branch') throw new Error('size is a branch');
    size.default = 'manager_review';
    expect(scenarioChanges(scenario, runScenario(edited, scenario))).toEqual([
      { kind: 'move', move: 0, message: expect.stringContaining('No task is open at "clerk_review"') },
    ]);
    expect(scenarioChanges(scenario, runScenario(bundle, scenario))).toEqual([]);
  });
});
