/**
 * The validator reads saved scenarios against the app: a scenario naming a flow, a node, an action
 * or a form field the app does not have is a problem at the scenario's JSON path, so the designer
 * knows which saved run to fix before publishing.
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle, ScenarioDef } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { ANNA, claimBundle, MARK, SAM } from './simulator-kit.js';

const BIG: ScenarioDef = {
  key: 'big_claim_rejected',
  name: { en: 'A big claim is rejected', zh: '大额报销被驳回' },
  flow: 'claim_flow',
  start: '2026-03-02T09:00:00.000Z',
  submitter: SAM,
  people: [ANNA, MARK],
  record: { title: 'Laptop', amount: 2400 },
  moves: [
    { type: 'advance', by: 'P1D' },
    { type: 'act', as: MARK, node: 'manager_review', action: 'reject', comment: 'Too dear' },
  ],
  expect: { status: 'done', outcome: 'rejected', path: ['size', 'manager_review', 'rejected'] },
};

function problemsOf(scenario: ScenarioDef, bundle: AppBundle = claimBundle()) {
  return validateBundle({ ...bundle, scenarios: [scenario] }).map(({ path, code }) => ({ path, code }));
}

describe('scenario references', () => {
  it('a scenario naming only what the app has is valid', () => {
    expect(problemsOf(BIG)).toEqual([]);
  });

  it('a flow the app does not define is named at /flow', () => {
    expect(problemsOf({ ...BIG, flow: 'expense_flow' })).toEqual([
      { path: '/scenarios/0/flow', code: 'ref.unknown_flow' },
    ]);
  });

  it('a sample record field the flow’s form lacks is named at its key', () => {
    expect(problemsOf({ ...BIG, record: { title: 'Laptop', cost: 2400 } })).toEqual([
      { path: '/scenarios/0/record/cost', code: 'ref.unknown_field' },
    ]);
  });

  it('a move on a node that was deleted, or on a node that is not a task, is named at its node', () => {
    const moves: ScenarioDef['moves'] = [
      { type: 'act', as: MARK, node: 'director_review', action: 'approve' },
      { type: 'act', as: MARK, node: 'size', action: 'approve' },
      { type: 'webhook', node: 'manager_review', ok: true },
    ];
    expect(problemsOf({ ...BIG, moves })).toEqual([
      { path: '/scenarios/0/moves/0/node', code: 'ref.unknown_node' },
      { path: '/scenarios/0/moves/1/node', code: 'ref.not_task_node' },
      { path: '/scenarios/0/moves/2/node', code: 'scenario.not_webhook_node' },
    ]);
  });

  it('an action the task does not offer, a field its data writes that the form lacks, a return target that is gone', () => {
    const moves: ScenarioDef['moves'] = [
      { type: 'act', as: MARK, node: 'manager_review', action: 'return', returnTo: 'intake' },
      { type: 'act', as: ANNA, node: 'clerk_review', action: 'approve', data: { remark: 'ok' } },
    ];
    expect(problemsOf({ ...BIG, moves })).toEqual([
      { path: '/scenarios/0/moves/0/action', code: 'scenario.action_not_offered' },
      { path: '/scenarios/0/moves/0/returnTo', code: 'ref.unknown_node' },
      { path: '/scenarios/0/moves/1/data/remark', code: 'ref.unknown_field' },
    ]);
  });

  it('a task that lists no actions offers submit only', () => {
    const bundle = claimBundle();
    delete (bundle.flows[0]!.nodes['clerk_review'] as { actions?: unknown }).actions;
    const moves: ScenarioDef['moves'] = [
      { type: 'act', as: ANNA, node: 'clerk_review', action: 'submit' },
      { type: 'act', as: ANNA, node: 'clerk_review', action: 'approve' },
    ];
    expect(problemsOf({ ...BIG, moves }, bundle)).toEqual([
      { path: '/scenarios/0/moves/1/action', code: 'scenario.action_not_offered' },
    ]);
  });

  it('a node on the expected path that the flow no longer has is named at its place in the path', () => {
    const expect_ = { ...BIG.expect, path: ['size', 'director_review', 'rejected'] };
    expect(problemsOf({ ...BIG, expect: expect_ })).toEqual([
      { path: '/scenarios/0/expect/path/1', code: 'ref.unknown_node' },
    ]);
  });

  it('related records name forms and fields the app has', () => {
    const records = { vendor: { v1: { name: 'Acme' } }, claim: { c1: { title: 'Old', colour: 'red' } } };
    expect(problemsOf({ ...BIG, records })).toEqual([
      { path: '/scenarios/0/records/claim/c1/colour', code: 'ref.unknown_field' },
      { path: '/scenarios/0/records/vendor', code: 'ref.unknown_form' },
    ]);
  });
});
