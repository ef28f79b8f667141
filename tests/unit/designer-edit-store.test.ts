/**
 * The form designer's edit store: every edit is one undo step, typing in one property is one step
 * until the control is left, undo and redo walk the steps both ways, and layouts stored by an
 * earlier version of the form are fitted to the fields it has now.
 */
import { describe, expect, it } from 'vitest';
import type { FormDef } from '../../engine/definition/types.js';
import {
  createEditStore,
  defaultLayout,
  fitLayout,
  MAX_UNDO_STEPS,
} from '../../designer/src/form-designer/edit-store.js';

const form = (): FormDef => ({
  key: 'request',
  name: 'Request',
  fields: [{ key: 'title', type: 'text', label: 'Title' }],
});
const store = () => createEditStore({ form: form(), layout: defaultLayout(form()) });

describe('designer edit store', () => {
  it('makes each edit one step and walks them back and forth', () => {
    const s = store();
    s.getState().edit((d) => {
      d.form.fields.push({ key: 'qty', type: 'integer', label: 'Qty' });
      d.layout.sections[0]!.fields.push('qty');
    });
    s.getState().edit((d) => {
      d.form.fields[0]!.required = true;
    });
    expect(s.getState().past).toHaveLength(2);
    s.getState().undo();
    expect(s.getState().doc.form.fields[0]!.required).toBeUndefined();
    s.getState().undo();
    expect(s.getState().doc).toEqual({ form: form(), layout: defaultLayout(form()) });
    s.getState().undo(); // nothing left: no change
    expect(s.getState().future).toHaveLength(2);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().doc.form.fields.map((f) => [f.key, f.required])).toEqual([
      ['title', true],
      ['qty', undefined],
    ]);
    expect(s.getState().doc.layout.sections[0]!.fields).toEqual(['title', 'qty']);
  });

  it('merges typing in one property into one step until it is sealed', () => {
    const s = store();
    for (const text of ['R', 'Re', 'Rea', 'Reason'])
      s.getState().edit((d) => {
        d.form.fields[0]!.label = { zh: text };
      }, 'title/label/zh');
    expect(s.getState().past).toHaveLength(1);
    s.getState().seal();
    s.getState().edit((d) => {
      d.form.fields[0]!.label = { zh: 'Reason!' };
    }, 'title/label/zh');
    s.getState().edit((d) => {
      d.form.fields[0]!.help = 'x';
    }, 'title/help');
    expect(s.getState().past).toHaveLength(3);
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().doc.form.fields[0]!.label).toEqual({ zh: 'Reason' });
    s.getState().undo();
    expect(s.getState().doc.form.fields[0]!.label).toBe('Title');
  });

  it('drops the redo steps when a new edit is made, counts versions, ignores edits that change nothing', () => {
    const s = store();
    s.getState().edit((d) => {
      d.form.name = 'A';
    });
    s.getState().undo();
    const version = s.getState().version;
    s.getState().edit(() => undefined);
    expect(s.getState().version).toBe(version);
    s.getState().edit((d) => {
      d.form.name = 'B';
    });
    expect(s.getState().future).toEqual([]);
    expect(s.getState().version).toBe(version + 1);
  });

  it(`keeps the last ${MAX_UNDO_STEPS} steps`, () => {
    const s = store();
    for (let i = 0; i < MAX_UNDO_STEPS + 5; i++)
      s.getState().edit((d) => {
        d.form.name = `v${i}`;
      });
    expect(s.getState().past).toHaveLength(MAX_UNDO_STEPS);
  });

  it('fits a stored layout to the form: unknown keys go, new fields join the last section', () => {
    const f: FormDef = {
      ...form(),
      fields: [
        ...form().fields,
        { key: 'a', type: 'text', label: 'A' },
        { key: 'b', type: 'text', label: 'B' },
      ],
    };
    const stored = {
      sections: [
        { key: 'one', title: 'One', columns: 2, fields: ['b', 'gone', 'b'] },
        { key: 'two', title: 'Two', fields: ['title'] },
        'junk',
      ],
    };
    expect(fitLayout(f, stored)).toEqual({
      sections: [
        { key: 'one', title: 'One', columns: 2, fields: ['b'] },
        { key: 'two', title: 'Two', columns: 1, fields: ['title', 'a'] },
      ],
    });
    expect(fitLayout(f, undefined)).toEqual(defaultLayout(f));
  });
});
