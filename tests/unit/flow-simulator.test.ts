/**
 * The flow simulator (engine/flow/simulator): a designer runs a draft flow on a sample record with
 * the engine's own step, acting as personas, jumping a virtual clock; effects are shown, never sent.
 */
import { describe, expect, it } from 'vitest';
import {
  choicesFor,
  simulate,
  startSimulation,
  type Simulation,
  type SimulationSetup,
} from '../../engine/flow/simulator/index.js';
import { codeOf } from './flow-test-kit.js';
import { ANNA, claimBundle, DORA, MARK, SAM } from './simulator-kit.js';

function setup(record: Record<string, unknown>, bundle = claimBundle()): SimulationSetup {
  return {
    bundle,
    flow: 'claim_flow',
    record,
    submitter: SAM,
    now: '2026-03-02T09:00:00.000Z',
    people: [ANNA, MARK, DORA],
  };
}

function openAt(sim: Simulation): string[] {
  return sim.snapshot.tasks.map((t) => t.node);
}

describe('the flow simulator', () => {
  it('starts the flow on a sample record and stops at the first task, with the path it took', () => {
    const sim = startSimulation(setup({ title: 'Taxi', amount: 80 }));
    expect(sim.snapshot.status).toBe('active');
    expect(sim.path).toEqual(['size', 'clerk_review']);
    expect(openAt(sim)).toEqual(['clerk_review']);
    expect(sim.record).toMatchObject({ title: 'Taxi', amount: 80 });
  });

  it('offers a persona the tasks they may act on, with the actions the node lists', () => {
    const sim = startSimulation(setup({ title: 'Taxi', amount: 80 }));
    expect(choicesFor(sim, ANNA).map((c) => [c.task.node, c.actions])).toEqual([
      ['clerk_review', ['approve', 'reject']],
    ]);
    expect(choicesFor(sim, MARK)).toEqual([]);
  });

  it('runs to the end as the designer acts and jumps the clock, collecting effects without sending them', () => {
    let sim = startSimulation(setup({ title: 'Taxi', amount: 80 }));
    sim = simulate(sim, {
      type: 'act',
      as: ANNA,
      node: 'clerk_review',
      action: 'approve',
      data: { note: 'ok' },
    });
    expect(sim.record).toMatchObject({ note: 'ok', status: 'paid' });
    expect(sim.snapshot.tokens.map((t) => t.node)).toEqual(['cool_off']);
    // The task's own write and the record node's: both shown, neither stored anywhere.
    expect(sim.effects.map((e) => [e.effect.type, 'node' in e.effect ? e.effect.node : undefined])).toEqual([
      ['record.update', 'clerk_review'],
      ['record.update', 'mark_paid'],
    ]);

    sim = simulate(sim, { type: 'advance', by: 'PT23H' });
    expect(sim.snapshot.status).toBe('active');
    sim = simulate(sim, { type: 'advance', by: 'PT2H' });
    expect(sim.snapshot.status).toBe('done');
    expect(sim.snapshot.outcome).toBe('paid');
    expect(sim.now).toBe('2026-03-03T10:00:00.000Z');
    expect(sim.path).toEqual(['size', 'clerk_review', 'mark_paid', 'cool_off', 'tell', 'paid']);
    const notice = sim.effects.find((e) => e.effect.type === 'notify');
    expect(notice).toMatchObject({
      at: '2026-03-03T09:00:00.000Z',
      move: 2,
      effect: { channel: 'email', to: [{ user: 'sam' }], text: { en: 'Your claim Taxi of 80 was paid.' } },
    });
  });

  it('fires SLA reminders and escalations at their own due times when the clock jumps past them', () => {
    let sim = startSimulation(setup({ title: 'Laptop', amount: 2400 }));
    expect(sim.path).toEqual(['size', 'manager_review']);
    sim = simulate(sim, { type: 'advance', by: 'P3D' });
    const types = sim.history.map((h) => [h.type, h.at]);
    expect(types).toContainEqual(['sla.reminded', '2026-03-03T09:00:00.000Z']);
    expect(types).toContainEqual(['sla.breached', '2026-03-04T09:00:00.000Z']);
    expect(sim.now).toBe('2026-03-05T09:00:00.000Z');
    // Escalated: the director may now act on the manager's task.
    expect(choicesFor(sim, DORA).map((c) => c.task.node)).toEqual(['manager_review']);
    sim = simulate(sim, {
      type: 'act',
      as: DORA,
      node: 'manager_review',
      action: 'reject',
      comment: 'too much',
    });
    expect(sim.snapshot.outcome).toBe('rejected');
  });

  it('never changes the run it was given: each move returns a new one, so a designer can step back', () => {
    const before = startSimulation(setup({ title: 'Taxi', amount: 80 }));
    const copy = JSON.parse(JSON.stringify({ ...before, setup: undefined }));
    const after = simulate(before, { type: 'act', as: ANNA, node: 'clerk_review', action: 'reject' });
    expect(after.snapshot.outcome).toBe('rejected');
    expect(JSON.parse(JSON.stringify({ ...before, setup: undefined }))).toEqual(copy);
  });

  it('is deterministic: the same setup and moves give the same run', () => {
    const run = () =>
      simulate(startSimulation(setup({ title: 'Laptop', amount: 2400 })), { type: 'advance', by: 'P3D' });
    expect(JSON.stringify({ ...run(), setup: 0 })).toBe(JSON.stringify({ ...run(), setup: 0 }));
  });

  it('refuses moves the flow would refuse, with the engine error code', () => {
    const sim = startSimulation(setup({ title: 'Taxi', amount: 80 }));
    expect(
      codeOf(() => simulate(sim, { type: 'act', as: MARK, node: 'clerk_review', action: 'approve' })),
    ).toBe('FC_TASK_NOT_ASSIGNEE');
    expect(
      codeOf(() => simulate(sim, { type: 'act', as: ANNA, node: 'clerk_review', action: 'return' })),
    ).toBe('FC_ACTION_NOT_ALLOWED');
    expect(
      codeOf(() => simulate(sim, { type: 'act', as: ANNA, node: 'manager_review', action: 'approve' })),
    ).toBe('FC_ACTION_NOT_ALLOWED');
    expect(
      codeOf(() =>
        simulate(sim, {
          type: 'act',
          as: ANNA,
          node: 'clerk_review',
          action: 'approve',
          data: { amount: 1 },
        }),
      ),
    ).toBe('FC_VALIDATION_FAILED');
    expect(codeOf(() => simulate(sim, { type: 'advance', by: 'three days' }))).toBe('FC_BAD_REQUEST');
  });

  it('refuses a sample record the form rejects, naming the field under /record', () => {
    let error: unknown;
    try {
      startSimulation(setup({ amount: 80 }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'FC_VALIDATION_FAILED', path: '/record/title' });
  });

  it('refuses a draft whose flow has a problem, at its JSON path; problems elsewhere do not matter', () => {
    const broken = claimBundle();
    broken.flows[0]!.nodes.size = { type: 'branch', cases: [], default: 'nowhere' };
    let error: unknown;
    try {
      startSimulation(setup({ title: 'Taxi' }, broken));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'FC_DEFINITION_INVALID' });
    expect((error as { path: string }).path).toMatch(/^\/flows\/0\/nodes\/size/);

    const elsewhere = claimBundle();
    elsewhere.dashboards = [
      {
        key: 'd',
        name: 'D',
        widgets: [{ key: 'w', type: 'kpi', form: 'nope', measures: [{ op: 'count' }] }],
      },
    ];
    expect(startSimulation(setup({ title: 'Taxi', amount: 80 }, elsewhere)).path).toEqual([
      'size',
      'clerk_review',
    ]);
  });
});
