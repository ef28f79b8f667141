/**
 * A new kind is one file plus one registration: a toy node kind (`stamp`) and a toy field type
 * (`percent`), each in one file under toy-kinds/, registered here as an extension would. The
 * validator (through their schema fragments and checks), the engine's step, the form compiler,
 * the browser's field input (ui/fields, through the control kind the type declares) and the
 * designer's metadata pick them up; the shipped kinds cannot be replaced.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bundleSchema } from '../../engine/definition/bundle-schema.js';
import { kindCatalogue } from '../../engine/definition/kind-catalogue.js';
import type { FieldDef, FlowDef, FormDef } from '../../engine/definition/types.js';
import { bundleWarnings, validateBundle } from '../../engine/definition/validate-bundle.js';
import {
  COMMON_NODE_PROPERTIES,
  describeKinds,
  kindOf,
  nodeKinds,
  registerNodeKind,
} from '../../engine/flow/kinds/registry.js';
import { taskKind } from '../../engine/flow/kinds/task.kind.js';
import {
  compileForm,
  COMMON_FIELD_PROPERTIES,
  describeFieldTypes,
  fieldType,
  registerFieldType,
} from '../../engine/form/index.js';
import { textField } from '../../engine/form/fields/text.field.js';
import { rememberFieldControls } from '../../ui/fields/field-controls.js';
import { FieldInput } from '../../ui/fields/field-input.js';
import { FlowWorld } from './flow-test-kit.js';
import { percentField } from './toy-kinds/percent.field.js';
import { stampKind } from './toy-kinds/stamp.kind.js';

// The registration calls: one line per kind (vitest gives each test file its own modules).
registerNodeKind(stampKind);
registerFieldType(percentField);

const FORM: FormDef = {
  key: 'survey',
  name: 'Survey',
  fields: [
    { key: 'title', type: 'text', label: 'Title' },
    { key: 'verdict', type: 'text', label: 'Verdict' },
    { key: 'score', type: 'percent' as FieldDef['type'], label: 'Score', step: 10 } as FieldDef,
    { key: 'due', type: 'date', label: 'Due' },
  ],
};

/** A bundle whose flow stamps a verdict, then ends; `node` and `field` change the toy parts. */
function bundle(node: Record<string, unknown> = {}, field: Record<string, unknown> = {}) {
  return {
    format: 'flowcase/app@1',
    key: 'toys',
    name: 'Toys',
    version: 1,
    roles: [],
    forms: [{ ...FORM, fields: FORM.fields.map((f) => (f.key === 'score' ? { ...f, ...field } : f)) }],
    flows: [
      {
        key: 'review',
        name: 'Review',
        form: 'survey',
        trigger: { on: 'record.created' },
        start: 'stamp_it',
        nodes: {
          stamp_it: { type: 'stamp', field: 'verdict', text: 'checked', next: 'done', ...node },
          done: { type: 'end' },
        },
      },
    ],
    dashboards: [],
  };
}

const codes = (problems: { path: string; code: string }[]) => problems.map((p) => `${p.path} ${p.code}`);

describe('registering kinds', () => {
  it('refuses a type registered twice, a shipped one included, and a type that is not a key', () => {
    expect(() => registerNodeKind(stampKind)).toThrow('The node kind "stamp" is registered already.');
    expect(() => registerNodeKind({ ...taskKind })).toThrow('The node kind "task" is registered already.');
    expect(() => registerFieldType(percentField)).toThrow('The field type "percent" is registered already.');
    expect(() => registerFieldType({ ...textField })).toThrow('The field type "text" is registered already.');
    expect(() => registerNodeKind({ ...stampKind, type: 'Bad Kind' as 'stamp' })).toThrow('is not one');
    // The refused registrations changed nothing.
    expect(kindOf({ type: 'task' })).toBe(taskKind);
    expect(fieldType('text')).toBe(textField);
  });
});

describe('the validator', () => {
  it('accepts a bundle using the toy node kind and field type', () => {
    expect(validateBundle(bundle())).toEqual([]);
    expect(bundleWarnings(bundle())).toEqual([]);
  });

  it("checks the toy node's properties with its schema fragment", () => {
    expect(codes(validateBundle(bundle({ text: undefined, colour: 'red' })))).toEqual([
      '/flows/0/nodes/stamp_it/colour schema.unknown_property',
      '/flows/0/nodes/stamp_it/text schema.required',
    ]);
    expect(validateBundle(bundle({ text: 'x'.repeat(101) }))).toEqual([
      {
        path: '/flows/0/nodes/stamp_it/text',
        code: 'schema.too_long',
        message: 'Must have at most 100 characters.',
      },
    ]);
  });

  it("runs the toy node's own semantic check", () => {
    expect(validateBundle(bundle({ field: 'due' }))).toEqual([
      {
        path: '/flows/0/nodes/stamp_it/field',
        code: 'ref.not_text_field',
        message: 'Field "due" is a date field; text is needed here.',
      },
    ]);
    expect(codes(validateBundle(bundle({ field: 'nope' })))).toEqual([
      '/flows/0/nodes/stamp_it/field ref.unknown_field',
    ]);
  });

  it('checks the toy field type with its schema fragment and its own check', () => {
    expect(codes(validateBundle(bundle({}, { step: 'ten', shade: 1 })))).toEqual([
      '/forms/0/fields/2/shade schema.unknown_property',
      '/forms/0/fields/2/step schema.type',
    ]);
    expect(validateBundle(bundle({}, { step: 7 }))).toEqual([
      {
        path: '/forms/0/fields/2/step',
        code: 'percent.step',
        message: 'A step of 7 never reaches 100; use a divisor of 100.',
      },
    ]);
  });

  it('names the toy types among those it expects', () => {
    const [unknown] = validateBundle(bundle({ type: 'stomp' }));
    expect(unknown).toMatchObject({ path: '/flows/0/nodes/stamp_it/type', code: 'schema.unknown_type' });
    expect(unknown!.message).toMatch(/expected one of task, branch, .*, end, stamp\.$/);
    const [field] = validateBundle(bundle({}, { type: 'percentage' }));
    expect(field!.message).toMatch(
      /^Unknown field type "percentage"; expected one of text, .*, table, percent\.$/,
    );
  });

  it('assembles the bundle schema from the registries, toys included', () => {
    const defs = bundleSchema().$defs as Record<
      string,
      { oneOf?: { properties: { type: { const: string } } }[] }
    >;
    expect(defs.node!.oneOf!.map((s) => s.properties.type.const)).toContain('stamp');
    expect(defs.field!.oneOf!.map((s) => s.properties.type.const)).toContain('percent');
  });
});

describe('the engine', () => {
  it("runs the toy node kind's step: the field is stamped and the flow moves on to its end", () => {
    const flow = bundle().flows[0] as unknown as FlowDef;
    const world = new FlowWorld({ flow, form: FORM, record: { title: 'Late delivery', score: '40%' } });
    expect(world.record.score).toBe(40);
    const result = world.start();
    expect(result.record.verdict).toBe('checked');
    expect(result.snapshot.status).toBe('done');
    expect(world.effectsOf('record.update')).toEqual([
      {
        type: 'record.update',
        node: 'stamp_it',
        form: 'survey',
        target: 'self',
        changes: [{ field: 'verdict', from: null, to: 'checked' }],
      },
    ]);
    expect(world.history().map((h) => h.type)).toContain('stamp.applied');
  });
});

describe('the form compiler', () => {
  const form = compileForm(FORM);
  const create = (data: Record<string, unknown>) =>
    form.submit(data, { mode: 'create', now: '2025-03-03T09:00:00.000Z', today: '2025-03-03', user: 'u1' });

  it('normalizes and stores a toy value', () => {
    expect(create({ score: ' 70 % ' })).toMatchObject({ ok: true, data: { score: 70 } });
  });

  it("refuses values outside the toy type's schema, by field", () => {
    for (const score of [150, 35, 'lots']) {
      const result = create({ score });
      expect(result.ok).toBe(false);
      expect(result.errors.map((e) => e.path)).toEqual(['/score']);
    }
  });

  it("uses the toy type's empty test for required", () => {
    const required = compileForm({
      ...FORM,
      fields: FORM.fields.map((f) => (f.key === 'score' ? { ...f, required: true } : f)),
    });
    const result = required.submit(
      { score: '  ' },
      { mode: 'create', now: '2025-03-03T09:00:00.000Z', today: '2025-03-03', user: 'u1' },
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(['/score']);
  });
});

describe("the designer's metadata", () => {
  it('lists the toy node kind in the palette with its property panel', () => {
    expect((describeKinds() as Record<string, unknown>).stamp).toEqual(stampKind.description);
    const stamp = nodeKinds().find((k) => k.type === 'stamp')!;
    expect(stamp.properties.map((p) => [p.path, p.control, p.required ?? false])).toEqual([
      ['/field', 'field', true],
      ['/text', 'text', true],
      ['/next', 'node', true],
    ]);
    expect(stamp.properties[0]!.fieldTypes).toEqual(['text']);
    expect(COMMON_NODE_PROPERTIES.map((p) => p.key)).toEqual(['name']);
  });

  it('lists the toy field type with its input control and options', () => {
    const percent = describeFieldTypes().find((d) => d.type === 'percent')!;
    expect(percent).toMatchObject({
      label: { en: 'Percentage', zh: '百分比' },
      control: 'number',
      icon: 'percent',
    });
    expect(percent.properties).toEqual([
      { key: 'step', path: '/step', label: { en: 'Step', zh: '步长' }, control: 'integer', default: 1 },
    ]);
    expect(COMMON_FIELD_PROPERTIES.map((p) => p.key)).toContain('label');
  });

  it('gives the whole catalogue in JSON, toys included, every label in both languages', () => {
    const catalogue = kindCatalogue();
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
    expect(catalogue.nodes.kinds.map((k) => k.type)).toContain('stamp');
    expect(catalogue.fields.types.map((t) => t.type)).toContain('percent');
    expect(catalogue.widgets.types.map((w) => w.type)).toEqual([
      'kpi',
      'bar',
      'line',
      'pie',
      'table',
      'pivot',
      'node_time',
      'sla_breach',
      'throughput',
      'bottleneck',
    ]);
    const task = catalogue.nodes.kinds.find((k) => k.type === 'task')!;
    expect(task.properties.find((p) => p.path === '/assignee')).toMatchObject({
      control: 'assignees',
      required: true,
      label: { en: 'Assignees', zh: '处理人' },
    });
    expect(task.properties.find((p) => p.path === '/mode')).toMatchObject({
      control: 'select',
      default: 'any',
    });
    const entries = [...catalogue.nodes.kinds, ...catalogue.fields.types, ...catalogue.widgets.types];
    const properties = [
      ...catalogue.nodes.common,
      ...catalogue.fields.common,
      ...catalogue.widgets.common,
      ...entries.flatMap((e) => e.properties),
    ];
    for (const entry of entries) {
      expect(entry.label.en).not.toBe('');
      expect(entry.label.zh).not.toBe('');
      expect(entry.icon).not.toBe('');
    }
    for (const property of [...properties, ...properties.flatMap((p) => p.items ?? [])]) {
      expect(property.label.en).not.toBe('');
      expect(property.label.zh).not.toBe('');
      expect(property.path.endsWith(`/${property.key}`)).toBe(true);
    }
  });
});

describe("the browser's field input", () => {
  it('shows the toy type through the input of the control kind its descriptor declares', () => {
    const render = () =>
      renderToString(
        createElement(FieldInput, {
          id: 'f-score',
          app: 'toys',
          field: FORM.fields[2]!,
          value: 40,
          onChange: () => undefined,
          invalid: false,
          errors: new Map(),
          path: '/score',
        }),
      );
    // Until an app hands over the engine's control kinds, an unknown type is a text input.
    expect(render()).toMatch(/<input[^>]*type="text"/);
    rememberFieldControls(Object.fromEntries(describeFieldTypes().map((d) => [d.type, d.control])));
    expect(render()).toMatch(/<input[^>]*type="number"[^>]*value="40"/);
  });
});
