/**
 * The engine's migration plan: open instances grouped by flow and position, each group judged
 * against the new version (moves, needs a mapping, changes meaning, with the reasons).
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/index.js';
import { migrationPlan } from '../../engine/flow/migration-plan.js';

const bundle = (nodes: Record<string, unknown>, flows = ['handle']): AppBundle =>
  ({
    format: 'flowcase/app@1',
    key: 'shop',
    name: 'Shop',
    version: 1,
    roles: [],
    forms: [],
    flows: flows.map((key) => ({ key, name: key, form: 'order', start: 'a', nodes })),
    dashboards: [],
  }) as unknown as AppBundle;

const task = (extra: Record<string, unknown> = {}) => ({
  type: 'task',
  assignee: { role: 'clerk' },
  fields: { visible: ['x', 'y'], required: ['x'] },
  next: 'end',
  ...extra,
});

const at = (id: string, nodes: string[], flow = 'handle') => ({ id, recordId: `r-${id}`, flow, nodes });

describe('migrationPlan', () => {
  const from = bundle({
    a: task(),
    b: task(),
    c: task(),
    d: task(),
    e: { type: 'wait', duration: 'PT1H', next: 'end' },
    end: { type: 'end' },
  });
  const to = bundle({
    a: task({ fields: { visible: ['y', 'x'], required: ['x'] } }),
    b: task({ assignee: { role: 'boss' } }),
    c: task({ fields: { visible: ['x', 'y'], editable: ['y'], required: ['x', 'y'] } }),
    e: { type: 'wait', duration: 'PT2H', next: 'end' },
    end: { type: 'end' },
  });

  it('judges each position: order of a field list is no change; assignees, permissions, required fields, timers are', () => {
    const plan = migrationPlan(from, to, [
      at('1', ['a']),
      at('2', ['b']),
      at('3', ['c']),
      at('4', ['d']),
      at('5', ['e']),
    ]);
    expect(plan.groups.map((g) => [g.nodes[0], g.verdict, g.reasons.map((r) => r.code)])).toEqual([
      ['a', 'moves', []],
      ['b', 'changes_meaning', ['assignee']],
      ['c', 'changes_meaning', ['permissions', 'required_fields']],
      ['d', 'needs_mapping', ['node_gone']],
      ['e', 'changes_meaning', ['timer']],
    ]);
    expect(plan.totals).toEqual({ moves: 1, changes_meaning: 3, needs_mapping: 1 });
  });

  it('groups parallel positions as one set, whatever their order, and the worst verdict wins', () => {
    const plan = migrationPlan(from, to, [at('1', ['d', 'a']), at('2', ['a', 'd']), at('3', ['a'])]);
    expect(plan.groups.map((g) => [g.nodes, g.targets, g.verdict, g.count])).toEqual([
      [['a', 'd'], ['a', null], 'needs_mapping', 2],
      [['a'], ['a'], 'moves', 1],
    ]);
  });

  it('maps gone nodes, flags a changed kind, and a flow that is gone', () => {
    const mapped = migrationPlan(from, to, [at('1', ['d'])], { handle: { d: 'b' } });
    expect(mapped.groups[0]).toMatchObject({ targets: ['b'], verdict: 'changes_meaning' });
    expect(migrationPlan(from, to, [at('1', ['d'])], { handle: { d: 'a' } }).groups[0]!.verdict).toBe(
      'moves',
    );
    const kind = migrationPlan(from, to, [at('1', ['d'])], { handle: { d: 'e' } });
    expect(kind.groups[0]!.reasons).toEqual([{ node: 'd', to: 'e', code: 'type', properties: ['type'] }]);
    const gone = migrationPlan(bundle({ a: task() }, ['handle', 'old']), to, [at('1', ['a'], 'old')]);
    expect(gone.groups[0]).toMatchObject({
      flow: 'old',
      verdict: 'needs_mapping',
      reasons: [{ code: 'flow_gone' }],
    });
  });

  it('keeps at most three samples per group and counts all', () => {
    const plan = migrationPlan(
      from,
      to,
      ['1', '2', '3', '4', '5'].map((id) => at(id, ['a'])),
    );
    expect(plan.groups[0]!.count).toBe(5);
    expect(plan.groups[0]!.samples.map((s) => s.id)).toEqual(['1', '2', '3']);
  });
});
