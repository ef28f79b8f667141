/** Text-like field types: text, textarea, phone, email. */
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

describe('text', () => {
  const submit = single({
    key: 'title',
    type: 'text',
    label: 'Title',
    required: true,
    minLength: 3,
    maxLength: 10,
    pattern: '^[A-Z]',
  });

  it('accepts text within its rules and stores it trimmed', () => {
    const result = submit('  No power  ');
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({ title: 'No power' });
  });

  it('rejects text that is too short, too long or off-pattern, in en and zh', () => {
    expect(submit('Ab').errors).toEqual([
      { path: '/title', code: 'field.min_length', message: 'Must be at least 3 characters' },
    ]);
    expect(submit('Ab', 'zh').errors).toEqual([
      { path: '/title', code: 'field.min_length', message: '至少 3 个字符' },
    ]);
    expect(submit('Abcdefghijk').errors).toEqual([
      { path: '/title', code: 'field.max_length', message: 'Must be at most 10 characters' },
    ]);
    expect(submit('lowercase', 'zh').errors).toEqual([
      { path: '/title', code: 'field.pattern', message: '格式不正确' },
    ]);
  });

  it('rejects a value that is not text', () => {
    expect(submit(42).errors).toEqual([{ path: '/title', code: 'field.not_text', message: 'Must be text' }]);
    expect(submit({ a: 1 }, 'zh').errors).toEqual([
      { path: '/title', code: 'field.not_text', message: '必须是文本' },
    ]);
  });

  it('counts blank text as not filled', () => {
    for (const blank of [undefined, '', '   ', null]) {
      expect(submit(blank).errors).toEqual([{ path: '/title', code: 'field.required', message: 'Required' }]);
    }
    expect(submit('  ', 'zh').errors[0]?.message).toBe('必填');
  });

  it('does not check the rules of an optional field left blank', () => {
    const optional = single({ key: 'code', type: 'text', label: 'Code', minLength: 3 });
    expect(optional('').ok).toBe(true);
    expect(optional('').data).toEqual({});
  });
});

describe('textarea', () => {
  const submit = single({ key: 'notes', type: 'textarea', label: 'Notes', required: true });

  it('keeps inner line breaks and trims the ends', () => {
    expect(submit('\n line 1\nline 2 \n').data).toEqual({ notes: 'line 1\nline 2' });
  });

  it('rejects a list and requires content', () => {
    expect(submit(['a']).errors).toEqual([
      { path: '/notes', code: 'field.not_text', message: 'Must be text' },
    ]);
    expect(submit('\n\n').errors).toEqual([{ path: '/notes', code: 'field.required', message: 'Required' }]);
  });
});

describe('phone', () => {
  const submit = single({ key: 'phone', type: 'phone', label: 'Phone', required: true });

  it('accepts phone numbers as people write them', () => {
    for (const phone of ['+86 138-0013-8000', '(010) 6552 1234', '13800138000', '+1 (555) 010-9999']) {
      expect(submit(phone).errors).toEqual([]);
    }
  });

  it('rejects what is not a phone number, in en and zh', () => {
    for (const bad of ['call me', '12', '+86 138 0013 8000 ext. 5', '138@00', '1'.repeat(30)]) {
      expect(submit(bad).errors).toEqual([
        { path: '/phone', code: 'field.phone', message: 'Must be a phone number' },
      ]);
    }
    expect(submit('abc', 'zh').errors[0]?.message).toBe('必须是电话号码');
  });

  it('is required like any field', () => {
    expect(submit(' ').errors[0]?.code).toBe('field.required');
  });
});

describe('email', () => {
  const submit = single({ key: 'email', type: 'email', label: 'Email' });

  it('accepts an address and trims it', () => {
    expect(submit(' li.lei@example.com.cn ').data).toEqual({ email: 'li.lei@example.com.cn' });
  });

  it('rejects malformed addresses, in en and zh', () => {
    for (const bad of [
      'li',
      'li@',
      '@example.com',
      'li@example',
      'li lei@example.com',
      'a@b@c.com',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      expect(submit(bad).errors).toEqual([
        { path: '/email', code: 'field.email', message: 'Must be an email address' },
      ]);
    }
    expect(submit('li@', 'zh').errors[0]?.message).toBe('必须是邮箱地址');
  });

  it('is optional unless required', () => {
    expect(submit('').ok).toBe(true);
  });
});
