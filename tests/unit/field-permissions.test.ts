/**
 * A task node's field lists say what the step shows, lets write and requires. Editable implies
 * visible and required implies editable: the engine, the form and the server read the lists that
 * way whatever the node lists, and the validator warns (never blocks) where they contradict.
 */
import { describe, expect, it } from 'vitest';
import { bundleWarnings, normalizeFieldPermissions, validateBundle } from '../../engine/definition/index.js';
import { compileForm } from '../../engine/form/index.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';
import { withFlow } from './definition-test-kit.js';

function installerWorld() {
  return new FlowWorld({
    flow: flowOf({
      // The designer forgot `owner` in visible and never made `title` editable.
      assign: {
        type: 'task',
        assignee: { role: 'desk' },
        fields: { visible: ['title'], editable: ['owner'], required: ['owner', 'note'] },
        next: 'done',
      },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    users: { desk1: ['desk'], inst1: ['installer'] },
  });
}

describe('normalizeFieldPermissions', () => {
  it('adds required fields to editable and editable ones to visible, declared order first', () => {
    expect(normalizeFieldPermissions({ visible: ['a'], editable: ['b'], required: ['c', 'b'] })).toEqual({
      visible: ['a', 'b', 'c'],
      editable: ['b', 'c'],
      required: ['c', 'b'],
    });
  });

  it('leaves visible absent (every field) when the node lists none, and treats absent lists as empty', () => {
    expect(normalizeFieldPermissions({ required: ['x'] })).toEqual({ editable: ['x'], required: ['x'] });
    expect(normalizeFieldPermissions(undefined)).toEqual({ editable: [], required: [] });
  });

  it('gives the same frozen answer for the same lists', () => {
    const fields = { visible: ['a'], editable: ['a'] };
    const once = normalizeFieldPermissions(fields);
    expect(normalizeFieldPermissions(fields)).toBe(once);
    expect(Object.isFrozen(once.visible)).toBe(true);
  });
});

describe('a step whose editable or required field is missing from its other lists', () => {
  it('refuses to complete while a required field is empty, even one missing from visible and editable', () => {
    const w = installerWorld();
    w.start();
    const task = w.task('assign').id;
    let problems: string[] = [];
    try {
      w.complete('assign', 'desk1');
    } catch (e) {
      problems = (e as { problems: { path: string; code: string }[] }).problems.map(
        (p) => `${p.path} ${p.code}`,
      );
    }
    expect(problems).toEqual(['/owner field.required', '/note field.required']);
    expect(w.snapshot.tasks.map((t) => t.id)).toEqual([task]);
  });

  it('writes the required field the node forgot to make editable, and moves on once both are filled', () => {
    const w = installerWorld();
    w.start();
    w.complete('assign', 'desk1', 'submit', { data: { owner: 'inst1', note: 'Bring the long ladder' } });
    expect(w.record).toMatchObject({ owner: 'inst1', note: 'Bring the long ladder' });
    expect(w.snapshot.status).toBe('done');
  });

  it('still refuses a field the node neither lists as editable nor requires', () => {
    const w = installerWorld();
    w.start();
    expect(
      codeOf(() =>
        w.complete('assign', 'desk1', 'submit', { data: { owner: 'inst1', note: 'x', title: 'Renamed' } }),
      ),
    ).toBe('FC_VALIDATION_FAILED');
  });

  it('the form itself requires a node-required field the visible list leaves out', () => {
    const form = compileForm(CASE_FORM);
    const result = form.submit(
      {},
      {
        mode: 'update',
        previous: {},
        now: '2025-03-03T09:00:00.000Z',
        today: '2025-03-03',
        permissions: { visible: ['title'], editable: [], required: ['owner'] },
      },
    );
    expect(result.errors.map((p) => `${p.path} ${p.code}`)).toEqual(['/owner field.required']);
  });
});

describe('bundleWarnings: contradicting field lists', () => {
  it('warns at the entry of each list that contradicts another, without making the bundle invalid', () => {
    const { bundle, nodes } = withFlow();
    nodes.quote.fields = {
      visible: ['customer', 'fault', 'quote'],
      editable: ['quote'],
      required: ['quote'],
    };
    nodes.repair_work.fields.visible.push('labour_hours');
    nodes.triage.fields = {
      visible: ['ticket_no', 'fault'],
      editable: ['fault'],
      required: ['technician', 'fault'],
    };
    expect(validateBundle(bundle)).toEqual([]);
    expect(bundleWarnings(bundle).map(({ path, code, severity }) => ({ path, code, severity }))).toEqual([
      {
        path: '/flows/0/nodes/triage/fields/required/0',
        code: 'fields.required_not_editable',
        severity: 'warning',
      },
    ]);
  });

  it('warns about an editable field missing from visible, and a computed field a step would write', () => {
    const { bundle, nodes } = withFlow();
    nodes.quote.fields = { visible: ['customer', 'fault', 'quote'], editable: ['quote', 'ticket_no'] };
    const found = bundleWarnings(bundle).map(({ path, code }) => ({ path, code }));
    expect(found).toContainEqual({
      path: '/flows/0/nodes/quote/fields/editable/1',
      code: 'fields.editable_not_visible',
    });
    expect(found).toContainEqual({
      path: '/flows/0/nodes/quote/fields/editable/1',
      code: 'fields.not_writable',
    });
    expect(found).toContainEqual({
      path: '/flows/0/nodes/triage/fields/editable/1',
      code: 'fields.editable_not_visible',
    });
    const message = bundleWarnings(bundle).find(
      (w) => w.path === '/flows/0/nodes/triage/fields/editable/1',
    )!.message;
    expect(message).toContain('"technician"');
  });

  it('has nothing to say about consistent lists or input it cannot read', () => {
    const { bundle, nodes } = withFlow();
    nodes.quote.fields.visible.push('quote');
    nodes.triage.fields.visible.push('technician');
    nodes.repair_work.fields.visible.push('labour_hours');
    expect(bundleWarnings(bundle)).toEqual([]);
    expect(bundleWarnings(null)).toEqual([]);
    expect(bundleWarnings({ flows: 'x' })).toEqual([]);
  });
});
