/** Choice field types: select and multiselect. */
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef, SelectOption } from '../../engine/definition/types.js';
import type { Language } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const single = (field: FieldDef) => {
  const form = compileForm({ key: 'f', name: 'F', fields: [field] });
  return (value: unknown, language: Language = 'en') =>
    form.submit(value === undefined ? {} : { [field.key]: value }, { mode: 'create', ...clock, language });
};
const options: SelectOption[] = [
  { value: 'screen', label: { en: 'Screen', zh: '屏幕' } },
  { value: 'battery', label: { en: 'Battery', zh: '电池' } },
  { value: 'other', label: 'Other' },
];

describe('select', () => {
  const submit = single({ key: 'fault', type: 'select', label: 'Fault', options, required: true });

  it('accepts one of the option values', () => {
    expect(submit('battery').data).toEqual({ fault: 'battery' });
  });

  it('rejects a value that is not an option (labels are not values), in en and zh', () => {
    for (const bad of ['Battery', '电池', 'keyboard', 1]) {
      expect(submit(bad).errors).toEqual([
        { path: '/fault', code: 'field.option', message: 'Must be one of the options' },
      ]);
    }
    expect(submit('keyboard', 'zh').errors[0]?.message).toBe('必须是可选项之一');
  });

  it('rejects every value when the field has no options', () => {
    expect(single({ key: 'x', type: 'select', label: 'X', options: [] })('a').errors[0]?.code).toBe(
      'field.option',
    );
  });

  it('counts blank as not filled', () => {
    expect(submit('').errors).toEqual([{ path: '/fault', code: 'field.required', message: 'Required' }]);
  });
});

describe('multiselect', () => {
  const submit = single({ key: 'faults', type: 'multiselect', label: 'Faults', options, required: true });

  it('accepts distinct option values in the order chosen', () => {
    expect(submit(['other', 'screen']).data).toEqual({ faults: ['other', 'screen'] });
  });

  it('rejects an unknown item at its index, in en and zh', () => {
    expect(submit(['screen', 'keyboard']).errors).toEqual([
      { path: '/faults/1', code: 'field.option', message: 'Must be one of the options' },
    ]);
    expect(submit(['keyboard'], 'zh').errors).toEqual([
      { path: '/faults/0', code: 'field.option', message: '必须是可选项之一' },
    ]);
  });

  it('rejects repeated values and a single value that is not a list', () => {
    expect(submit(['screen', 'screen']).errors).toEqual([
      { path: '/faults', code: 'field.duplicate', message: 'Must not repeat a value' },
    ]);
    expect(submit(['screen', 'screen'], 'zh').errors[0]?.message).toBe('不能有重复值');
    expect(submit('screen').errors).toEqual([
      { path: '/faults', code: 'field.not_list', message: 'Must be a list' },
    ]);
  });

  it('counts an empty list as not filled', () => {
    expect(submit([]).errors).toEqual([{ path: '/faults', code: 'field.required', message: 'Required' }]);
  });
});
