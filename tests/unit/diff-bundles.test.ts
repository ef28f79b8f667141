import { describe, expect, it } from 'vitest';
import { diffBundles, type BundleChange } from '../../engine/index.js';
import { validBundle, type Loose } from './definition-test-kit.js';

/** `[kind, change, key]` of every change, for compact comparisons. */
const summary = (changes: BundleChange[]) => changes.map((c) => [c.kind, c.change, c.key]);

function edited(edit: (b: Loose) => void): { a: Loose; b: Loose } {
  const a = validBundle();
  const b = validBundle();
  edit(b);
  return { a, b };
}

describe('diffBundles: what changed between two bundles', () => {
  it('finds nothing between a bundle and its copy, whatever the version', () => {
    const { a, b } = edited((b) => (b.version = 7));
    expect(diffBundles(a, b)).toEqual([]);
  });

  it('names forms added and removed, with the whole form only when it is small', () => {
    const { a, b } = edited((b) => {
      b.forms.splice(0, 1);
      b.forms.push({
        key: 'survey',
        name: 'Survey',
        fields: [{ key: 'score', type: 'rating', label: 'Score' }],
      });
    });
    const changes = diffBundles(a, b).filter((c) => c.kind === 'form');
    expect(changes).toEqual([
      {
        kind: 'form',
        change: 'added',
        path: '/forms/1',
        key: 'survey',
        after: { key: 'survey', name: 'Survey', fields: [{ key: 'score', type: 'rating', label: 'Score' }] },
      },
      { kind: 'form', change: 'removed', path: '/forms/0', key: 'customer' },
    ]);
  });

  it('matches fields by key: a moved field is no change; added, removed and changed ones are named in their form', () => {
    const { a, b } = edited((b) => {
      const fields = b.forms[1].fields;
      fields.reverse();
      fields.splice(
        fields.findIndex((f: Loose) => f.key === 'photos'),
        1,
      );
      fields.push({ key: 'notes', type: 'textarea', label: 'Notes' });
      fields.find((f: Loose) => f.key === 'serial').label = 'Serial no.';
      fields.find((f: Loose) => f.key === 'serial').maxLength = 20;
    });
    const changes = diffBundles(a, b);
    expect(summary(changes)).toEqual([
      ['field', 'added', 'notes'],
      ['field', 'removed', 'photos'],
      ['field', 'changed', 'serial'],
    ]);
    const serial = changes.find((c) => c.key === 'serial')!;
    expect(serial.form).toBe('repair');
    expect(serial.properties).toEqual([
      { property: 'label', before: 'Serial number', after: 'Serial no.' },
      { property: 'maxLength', after: 20 },
    ]);
    expect(serial.typeChange).toBeUndefined();
    expect(serial.path).toBe(
      `/forms/1/fields/${b.forms[1].fields.findIndex((f: Loose) => f.key === 'serial')}`,
    );
  });

  it('flags a field whose type changed', () => {
    const { a, b } = edited((b) => {
      const f = b.forms[1].fields.find((f: Loose) => f.key === 'serial');
      f.type = 'integer';
    });
    const [change] = diffBundles(a, b);
    expect(change).toMatchObject({
      kind: 'field',
      change: 'changed',
      form: 'repair',
      key: 'serial',
      typeChange: { from: 'text', to: 'integer' },
      properties: [{ property: 'type', before: 'text', after: 'integer' }],
    });
  });

  it("names a node's changed properties and spells out its permission changes", () => {
    const { a, b } = edited((b) => {
      const triage = b.flows[0].nodes.triage;
      triage.name = 'First look';
      triage.fields.editable = ['fault', 'technician', 'serial'];
      triage.fields.required = [];
      triage.assignee = { role: 'technician' };
    });
    const changes = diffBundles(a, b);
    expect(summary(changes)).toEqual([['node', 'changed', 'triage']]);
    expect(changes[0]).toMatchObject({
      flow: 'repair_flow',
      path: '/flows/0/nodes/triage',
      permissions: {
        editable: { added: ['serial'], removed: [] },
        required: { added: [], removed: ['technician'] },
        assignee: true,
      },
    });
    expect(changes[0]!.properties!.map((p) => p.property)).toEqual(['assignee', 'fields', 'name']);
  });

  it('names transitions added, removed and retargeted, and a branch case whose condition changed', () => {
    const { a, b } = edited((b) => {
      const nodes = b.flows[0].nodes;
      nodes.quote.next = 'payment';
      nodes.route.cases[0].when = { '==': [{ var: 'in_warranty' }, false] };
      delete nodes.notify_quote;
    });
    const changes = diffBundles(a, b);
    expect(summary(changes)).toEqual([
      ['node', 'removed', 'notify_quote'],
      ['transition', 'removed', 'notify_quote'],
      ['transition', 'changed', 'route'],
      ['transition', 'changed', 'quote'],
    ]);
    const quote = changes.find((c) => c.kind === 'transition' && c.key === 'quote')!;
    expect(quote).toMatchObject({
      via: 'next',
      path: '/flows/0/nodes/quote/next',
      before: { to: 'notify_quote' },
      after: { to: 'payment' },
    });
    const route = changes.find((c) => c.key === 'route')!;
    expect(route).toMatchObject({ via: 'cases/0', before: { to: 'work' }, after: { to: 'work' } });
    expect(route.after).toHaveProperty('when', { '==': [{ var: 'in_warranty' }, false] });
  });

  it('names dashboards and widgets, and roles', () => {
    const { a, b } = edited((b) => {
      b.dashboards[0].widgets[0].title = 'Still open';
      b.dashboards[0].widgets.splice(1, 1);
      b.dashboards.push({ key: 'quality', name: 'Quality', widgets: [] });
      b.roles.push({ key: 'qa', name: 'QA' });
      b.roles[1].design = false;
    });
    expect(summary(diffBundles(a, b))).toEqual([
      ['role', 'added', 'qa'],
      ['role', 'changed', 'service_desk'],
      ['dashboard', 'added', 'quality'],
      ['widget', 'removed', 'quotes_by_fault'],
      ['widget', 'changed', 'open_cases'],
    ]);
  });

  it('carries only small values, and reports a layout change without the positions', () => {
    const { a, b } = edited((b) => {
      b.description = 'x'.repeat(500);
      b.layout = { flows: { repair_flow: { nodes: { triage: { x: 1, y: 2 } } } } };
    });
    const changes = diffBundles(a, b);
    expect(changes).toEqual([
      {
        kind: 'app',
        change: 'changed',
        path: '',
        key: a.key,
        properties: [{ property: 'description', before: a.description }],
      },
      {
        kind: 'layout',
        change: 'added',
        path: '/layout',
        key: 'layout',
        properties: [{ property: 'flows' }],
      },
    ]);
  });

  it('reads invalid drafts without throwing: what cannot be read counts as absent', () => {
    const { a, b } = edited((b) => {
      b.forms[1].fields = 'not a list';
      b.flows[0].nodes = null;
      b.dashboards = {};
    });
    const changes = diffBundles(a, b);
    expect(changes.filter((c) => c.kind === 'field').every((c) => c.change === 'removed')).toBe(true);
    expect(changes.filter((c) => c.kind === 'node').every((c) => c.change === 'removed')).toBe(true);
    expect(summary(changes)).toContainEqual(['dashboard', 'removed', 'overview']);
    for (const junk of [null, 42, 'x', [], { forms: 3, flows: [null, 1, { key: 5 }] }])
      expect(() => diffBundles(a, junk)).not.toThrow();
    expect(diffBundles(null, undefined)).toEqual([]);
  });
});
