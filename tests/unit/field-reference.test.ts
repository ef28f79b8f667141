/** Field types that point elsewhere or hold structure: relation, user, files, address. */
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef } from '../../engine/definition/types.js';
import type { Language, SubmitOptions } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const single = (field: FieldDef, extra: Partial<SubmitOptions> = {}) => {
  const form = compileForm({ key: 'f', name: 'F', fields: [field] });
  return (value: unknown, language: Language = 'en') =>
    form.submit(value === undefined ? {} : { [field.key]: value }, {
      mode: 'create',
      ...clock,
      language,
      ...extra,
    });
};

describe('relation', () => {
  const products: Record<string, Record<string, unknown>> = { p1: { name: 'Phone X' } };
  const lookup = (form: string, id: string) => (form === 'product' ? products[id] : undefined);
  const submit = single(
    { key: 'product', type: 'relation', label: 'Product', form: 'product', required: true },
    { lookup },
  );

  it('stores the linked record id when it resolves', () => {
    expect(submit('p1').data).toEqual({ product: 'p1' });
  });

  it('rejects an id that does not resolve, in en and zh', () => {
    expect(submit('p404').errors).toEqual([
      { path: '/product', code: 'field.relation_not_found', message: 'The linked record does not exist' },
    ]);
    expect(submit('p404', 'zh').errors[0]?.message).toBe('关联的记录不存在');
  });

  it('rejects a value that is not an id', () => {
    expect(submit({ id: 'p1' }).errors).toEqual([
      { path: '/product', code: 'field.not_text', message: 'Must be text' },
    ]);
  });

  it('checks only the shape when no lookup is given (the browser)', () => {
    expect(
      single({ key: 'product', type: 'relation', label: 'Product', form: 'product' })('anything').ok,
    ).toBe(true);
  });

  it('counts blank as not filled', () => {
    expect(submit('').errors[0]?.code).toBe('field.required');
  });
});

describe('user', () => {
  const submit = single({ key: 'technician', type: 'user', label: 'Technician', required: true });

  it('stores a user id', () => {
    expect(submit('u_42').data).toEqual({ technician: 'u_42' });
  });

  it('rejects what is not an id, in en and zh', () => {
    expect(submit(42).errors).toEqual([
      { path: '/technician', code: 'field.not_text', message: 'Must be text' },
    ]);
    expect(submit(['u1'], 'zh').errors[0]?.message).toBe('必须是文本');
  });

  it('counts blank as not filled', () => {
    expect(submit('  ', 'zh').errors).toEqual([
      { path: '/technician', code: 'field.required', message: '必填' },
    ]);
  });
});

describe('files', () => {
  const submit = single({
    key: 'photos',
    type: 'files',
    label: 'Photos',
    maxFiles: 2,
    accept: ['image/*'],
    required: true,
  });

  it('stores a list of file ids', () => {
    expect(submit(['f1', 'f2']).data).toEqual({ photos: ['f1', 'f2'] });
  });

  it('rejects more than maxFiles, in en and zh', () => {
    expect(submit(['f1', 'f2', 'f3']).errors).toEqual([
      { path: '/photos', code: 'field.max_files', message: 'At most 2 files' },
    ]);
    expect(submit(['f1', 'f2', 'f3'], 'zh').errors[0]?.message).toBe('最多 2 个文件');
  });

  it('rejects an item that is not an id at its index, and repeated ids', () => {
    expect(submit(['f1', 7]).errors).toEqual([
      { path: '/photos/1', code: 'field.not_text', message: 'Must be text' },
    ]);
    expect(submit(['f1', 'f1']).errors[0]?.code).toBe('field.duplicate');
    expect(submit('f1').errors[0]?.code).toBe('field.not_list');
  });

  it('counts an empty list as not filled', () => {
    expect(submit([]).errors).toEqual([{ path: '/photos', code: 'field.required', message: 'Required' }]);
  });
});

describe('address', () => {
  const submit = single({ key: 'addr', type: 'address', label: 'Address', required: true });

  it('stores an object of parts, trimmed, blank parts dropped', () => {
    expect(
      submit({ province: ' 广东省 ', city: '深圳市', district: '', street: '科技园 1 号' }).data,
    ).toEqual({
      addr: { province: '广东省', city: '深圳市', street: '科技园 1 号' },
    });
    expect(submit({ street: 'Main St 1' }).ok).toBe(true);
  });

  it('requires the street once any part is given, in en and zh', () => {
    expect(submit({ city: 'Shenzhen' }).errors).toEqual([
      { path: '/addr/street', code: 'field.required', message: 'Required' },
    ]);
    expect(submit({ city: 'Shenzhen' }, 'zh').errors[0]?.message).toBe('必填');
  });

  it('rejects unknown parts at their path and a plain string', () => {
    expect(submit({ street: 'Main St 1', floor: 3 }).errors).toEqual([
      { path: '/addr/floor', code: 'field.unknown', message: 'Unknown field' },
    ]);
    expect(submit('Main St 1').errors).toEqual([
      { path: '/addr', code: 'field.not_object', message: 'Must be an object' },
    ]);
    expect(submit({ street: 5 }).errors).toEqual([
      { path: '/addr/street', code: 'field.not_text', message: 'Must be text' },
    ]);
  });

  it('counts an object of blank parts as not filled', () => {
    expect(submit({ city: ' ', street: '' }).errors).toEqual([
      { path: '/addr', code: 'field.required', message: 'Required' },
    ]);
  });
});
