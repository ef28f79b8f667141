/**
 * The field-type UI registry (ui/fields/registry.ts): every input and value view goes through it,
 * a new type's part is one file and one registration, and a type without a part of its own is
 * shown through the built-in part of the control kind its engine descriptor declares.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../engine/definition/types.js';
import { rememberFieldControls } from '../../ui/fields/field-controls.js';
import { FieldInput } from '../../ui/fields/field-input.js';
import type { FieldInputProps } from '../../ui/fields/field-part.js';
import { FieldValue } from '../../ui/fields/field-value.js';
import { registerFieldType } from '../../engine/form/index.js';
import { controlsOf } from '../../runtime/web/src/engine-controls.js';
import { FormFields } from '../../ui/fields/form-fields.js';
import { registerFieldPart } from '../../ui/fields/registry.js';
import { percentField } from './toy-kinds/percent.field.js';
import { percentPart } from './toy-parts/percent.part.js';

function field(type: string, extra: Record<string, unknown> = {}): FieldDef {
  return { key: 'score', type, label: { en: 'Score', zh: '得分' }, ...extra } as FieldDef;
}

function input(f: FieldDef, value: unknown): string {
  const props: FieldInputProps = {
    id: 'f-score',
    app: 'toys',
    field: f,
    value,
    onChange: () => undefined,
    invalid: false,
    errors: new Map(),
    path: '/score',
  };
  return renderToString(createElement(FieldInput, props));
}

function value(f: FieldDef, v: unknown): string {
  return renderToString(createElement(FieldValue, { field: f, value: v }));
}

describe('built-in field types', () => {
  it('render their own inputs and values', () => {
    expect(input(field('integer'), 7)).toMatch(/<input[^>]*type="number"[^>]*step="1"/);
    expect(input(field('money'), 12.5)).toMatch(/step="0.01"/);
    expect(input(field('phone'), '138')).toMatch(/type="tel"/);
    expect(input(field('boolean'), true)).toMatch(/type="checkbox"[^>]*checked/);
    expect(value(field('money', { currency: 'CNY' }), 1250)).toContain('CN¥1,250.00');
    expect(value(field('boolean'), false)).toContain('No');
    expect(value(field('number', { unit: 'hours' }), 2.5)).toContain('2 h 30 min');
  });

  it('a related record not yet looked up reads "Loading…", never its raw id', () => {
    const id = '01a24e06-f3b7-7cb2-b8ec-1a2478c5a686';
    const shown = value(field('relation', { form: 'customers' }), id);
    expect(shown).toContain('Loading…');
    expect(shown).not.toContain(id);
  });

  it('show a stored value, never markup, and a dash for an empty one', () => {
    expect(value(field('text'), '<img src=x onerror=alert(1)>')).toContain('&lt;img src=x');
    expect(value(field('text'), '')).toContain('—');
  });

  it('an autonumber is shown, not typed in', () => {
    expect(input(field('autonumber'), 'RMA-1')).toBe('<output id="f-score"><span>RMA-1</span></output>');
  });

  it('a table lays out its rows with each cell through the registry', () => {
    const table = field('table', {
      columns: [
        { key: 'qty', type: 'integer', label: 'Qty' },
        { key: 'paid', type: 'boolean', label: 'Paid' },
      ],
    });
    const html = input(table, [{ qty: 2, paid: true }]);
    expect(html).toMatch(/<input[^>]*id="f-score-0-qty"[^>]*type="number"/);
    expect(html).toMatch(/<input[^>]*id="f-score-0-paid"[^>]*type="checkbox"/);
    expect(value(table, [{ qty: 2, paid: true }])).toMatch(
      /<td><span>2<\/span><\/td><td><span>Yes<\/span><\/td>/,
    );
  });
});

describe('a type without a UI part of its own', () => {
  it('is a text input until its control kind is known, then the control kind’s input', () => {
    const gauge = field('gauge');
    expect(input(gauge, 40)).toMatch(/type="text"/);
    rememberFieldControls({ gauge: 'number' });
    expect(input(gauge, 40)).toMatch(/type="number"/);
    expect(value(gauge, 1234.5)).toContain('1,234.5');
    rememberFieldControls({ gauge: 'checkbox' });
    expect(input(gauge, true)).toMatch(/type="checkbox"/);
  });

  it('with the control kind readonly is shown, not typed in', () => {
    rememberFieldControls({ serial: 'readonly' });
    expect(input(field('serial'), 'S-9')).toContain('<output');
  });
});

describe('a toy field type', () => {
  // The engine's toy type (tests/unit/toy-kinds/percent.field.ts) declares `control: 'number'`.
  registerFieldType(percentField);
  const percent = field('percent', { step: 10 });

  it('without a UI part gets the input of the control kind its engine descriptor declares', () => {
    // What the form-engine worker sends the page with every answer.
    rememberFieldControls(controlsOf([percent]));
    expect(input(percent, 50)).toMatch(/<input id="f-score" type="number"/);
    expect(value(percent, 50)).toBe('<span>50</span>');
  });

  it('with a UI part is one file and one registration line, and forms show it', () => {
    registerFieldPart('percent', percentPart);

    expect(input(percent, 50)).toMatch(/<input id="f-score" type="range"[^>]*step="10"[^>]*value="50"/);
    expect(value(percent, 50)).toBe('<span class="percent">50%</span>');
    const form = renderToString(
      createElement(FormFields, {
        idPrefix: 'new',
        app: 'toys',
        fields: [percent, { ...field('text'), key: 'note', label: 'Note' }],
        shown: { score: 50, note: 'kept' },
        draft: { score: 50 },
        onChange: () => undefined,
        editable: (f) => f.key === 'score',
        required: () => false,
        hidden: new Set<string>(),
        errors: new Map(),
      }),
    );
    expect(form).toMatch(
      /<label class="label" for="new-score">Score<\/label><input id="new-score" type="range"/,
    );
    // The field it may not edit is shown as a value.
    expect(form).toContain('data-testid="value-note"><span>kept</span>');
  });
});
