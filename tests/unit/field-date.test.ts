/** Date, datetime and boolean field types. */
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef } from '../../engine/definition/types.js';
import type { Language } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const single = (field: FieldDef) => {
  const form = compileForm({ key: 'f', name: 'F', fields: [field] });
  return (value: unknown, language: Language = 'en') =>
    form.submit(value === undefined ? {} : { [field.key]: value }, { mode: 'create', ...clock, language });
};

describe('date', () => {
  const submit = single({ key: 'bought', type: 'date', label: 'Bought on', required: true });

  it('accepts days as YYYY-MM-DD, leap days included', () => {
    for (const day of ['2026-11-23', '2028-02-29', '2000-02-29'])
      expect(submit(day).data).toEqual({ bought: day });
  });

  it('rejects other formats and days that do not exist, in en and zh', () => {
    for (const bad of [
      '2026-1-5',
      '23/11/2026',
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-11-23T10:00:00Z',
    ]) {
      expect(submit(bad).errors).toEqual([
        { path: '/bought', code: 'field.date', message: 'Must be a date (YYYY-MM-DD)' },
      ]);
    }
    expect(submit('2026-02-30', 'zh').errors[0]?.message).toBe('必须是日期（YYYY-MM-DD）');
    expect(submit(20261123).errors[0]?.code).toBe('field.date');
  });

  it('counts blank as not filled', () => {
    expect(submit('').errors).toEqual([{ path: '/bought', code: 'field.required', message: 'Required' }]);
  });
});

describe('datetime', () => {
  const submit = single({ key: 'visit', type: 'datetime', label: 'Visit', required: true });

  it('accepts ISO-8601 with a zone and stores it in UTC', () => {
    expect(submit('2026-11-23T09:30:00+08:00').data).toEqual({ visit: '2026-11-23T01:30:00.000Z' });
    expect(submit('2026-11-23T09:30Z').data).toEqual({ visit: '2026-11-23T09:30:00.000Z' });
    expect(submit('2026-11-23T09:30:15.250Z').data).toEqual({ visit: '2026-11-23T09:30:15.250Z' });
  });

  it('rejects a time without a zone, a bare day and impossible times, in en and zh', () => {
    for (const bad of ['2026-11-23T09:30:00', '2026-11-23', '2026-11-23T25:00:00Z', 'tomorrow']) {
      expect(submit(bad).errors).toEqual([
        { path: '/visit', code: 'field.datetime', message: 'Must be a date and time with a time zone' },
      ]);
    }
    expect(submit('2026-11-23 09:30', 'zh').errors[0]?.message).toBe('必须是带时区的日期时间');
  });

  it('is required like any field', () => {
    expect(submit(null).errors[0]?.code).toBe('field.required');
  });
});

describe('boolean', () => {
  const submit = single({ key: 'agree', type: 'boolean', label: 'Agree', required: true });

  it('accepts true and false; false is an answer and fills a required field', () => {
    expect(submit(true).data).toEqual({ agree: true });
    expect(submit(false).ok).toBe(true);
    expect(submit(false).data).toEqual({ agree: false });
  });

  it('rejects anything else, in en and zh', () => {
    expect(submit('yes').errors).toEqual([
      { path: '/agree', code: 'field.not_boolean', message: 'Must be yes or no' },
    ]);
    expect(submit(1, 'zh').errors[0]?.message).toBe('必须是“是”或“否”');
  });

  it('counts a missing or null answer as not filled', () => {
    expect(submit(undefined).errors[0]?.code).toBe('field.required');
    expect(submit(null).errors[0]?.code).toBe('field.required');
  });
});
