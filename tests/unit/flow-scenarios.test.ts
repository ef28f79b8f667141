/**
 * Scenarios: simulator runs saved in a bundle's `scenarios` section and re-run after every edit,
 * reporting whether the end or the path changed.
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle, ScenarioDef } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { runScenario, runScenarios } from '../../engine/flow/simulator/index.js';
import { ANNA, claimBundle, MARK, SAM } from './simulator-kit.js';

const SMALL: ScenarioDef = {
  key: 'small_claim_paid',
  name: { en: 'A small claim is paid', zh: '小额报销付款' },
  flow: 'claim_flow',
  start: '2026-03-02T09:00:00.000Z',
  submitter: SAM,
  people: [ANNA, MARK],
  record: { title: 'Taxi', amount: 80 },
  moves: [
    { type: 'act', as: ANNA, node: 'clerk_review', action: 'approve' },
    { type: 'advance', by: 'P1D' },
  ],
  expect: {
    status: 'done',
    outcome: 'paid',
    path: ['size', 'clerk_review', 'mark_paid', 'cool_off', 'tell', 'paid'],
  },
};

function withScenarios(bundle: AppBundle, scenarios: ScenarioDef[]): AppBundle {
  return { ...bundle, scenarios };
}

describe('scenarios', () => {
  it('belong to the bundle format: a saved scenario is valid, a malformed one is named by its path', () => {
    expect(validateBundle(withScenarios(claimBundle(), [SMALL]))).toEqual([]);
    const bad = { ...SMALL, moves: [{ type: 'advance', by: 3 }] } as unknown as ScenarioDef;
    const problems = validateBundle(withScenarios(claimBundle(), [bad]));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path.startsWith('/scenarios/0/moves/0'))).toBe(true);
  });

  it('pass while the flow still takes the saved path to the saved end', () => {
    expect(runScenario(claimBundle(), SMALL)).toEqual({
      key: 'small_claim_paid',
      passed: true,
      status: 'done',
      outcome: 'paid',
      path: SMALL.expect.path,
      changes: [],
    });
  });

  it('are flagged when an edit sends the case down another branch', () => {
    const edited = claimBundle();
    const size = edited.flows[0]!.nodes.size;
    if (size?.type !== 'branch') throw new Error('size is a branch');
    size.cases[0]!.when = { '>': [{ var: 'amount' }, 50] };
    const result = runScenario(edited, SMALL);
    expect(result.passed).toBe(false);
    expect(result.error).toMatchObject({ move: 0, code: 'FC_ACTION_NOT_ALLOWED' });
    expect(result.changes[0]).toMatch(/^Move 1 could not be made: No task is open at "clerk_review"/);
  });

  it('are flagged when an edit changes the outcome or the path without stopping the run', () => {
    const edited = claimBundle();
    edited.flows[0]!.nodes.paid = { type: 'end', outcome: 'reimbursed' };
    edited.flows[0]!.nodes.mark_paid = {
      type: 'record',
      action: 'update',
      form: 'claim',
      set: { status: 'paid' },
      next: 'tell',
    };
    delete edited.flows[0]!.nodes.cool_off;
    const result = runScenario(edited, SMALL);
    expect(result.passed).toBe(false);
    expect(result.changes).toEqual([
      'The outcome is reimbursed, not paid.',
      'The path is size → clerk_review → mark_paid → tell → paid, not size → clerk_review → mark_paid → cool_off → tell → paid.',
    ]);
  });

  it('run all together, in the order saved', () => {
    const stillOpen: ScenarioDef = {
      ...SMALL,
      key: 'big_claim_waits',
      record: { title: 'Laptop', amount: 2400 },
      moves: [],
      expect: { status: 'active', path: ['size', 'manager_review'] },
    };
    const results = runScenarios(withScenarios(claimBundle(), [SMALL, stillOpen]));
    expect(results.map((r) => [r.key, r.passed])).toEqual([
      ['small_claim_paid', true],
      ['big_claim_waits', true],
    ]);
  });
});
