/**
 * A list view customers get (one for a customer role, or one without roles) may filter and sort
 * only on fields customers read: the server refuses any other list to them, so such a view would
 * fail on every load. The definition checks say so at design time, at the view's filter or sort,
 * by the same rule the server reads a customer's fields by.
 */
import { describe, expect, it } from 'vitest';
import { problemText } from '../../designer/src/editing/problem-words.js';
import { validateBundle } from '../../engine/definition/index.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

/** The fixture with one view on its repair form; a customer reads neither `status` nor `labour_hours` there. */
function withView(view: Loose, form: Loose = {}): Loose {
  const bundle = validBundle();
  Object.assign(bundle.forms[1], form);
  bundle.forms[1].views = [
    {
      key: 'mine',
      name: { en: 'My repairs', zh: '我的维修' },
      roles: ['customer'],
      columns: ['ticket_no', 'quote', 'createdAt'],
      ...view,
    },
  ];
  return bundle;
}

const hidden = (bundle: Loose) => found(bundle).filter((p) => p.code === 'view.customer_hidden_field');

describe("a list view's filter and sort, for customers", () => {
  it('flags a customer view that filters or sorts on a field customers may not read', () => {
    const bundle = withView({
      filter: { and: [{ '==': [{ var: 'status' }, 'repairing'] }, { '>': [{ var: 'quote' }, 100] }] },
      sort: { field: 'labour_hours', dir: 'desc' },
    });
    expect(hidden(bundle)).toEqual([
      { path: '/forms/1/views/0/filter', code: 'view.customer_hidden_field' },
      { path: '/forms/1/views/0/sort/field', code: 'view.customer_hidden_field' },
    ]);
  });

  it('flags a view without roles too, since customers get it', () => {
    expect(hidden(withView({ roles: undefined, filter: { '==': [{ var: 'status' }, 'done'] } }))).toEqual([
      { path: '/forms/1/views/0/filter', code: 'view.customer_hidden_field' },
    ]);
  });

  it('accepts fields customers read, record metadata, and views for staff only', () => {
    expect(
      hidden(
        withView({
          filter: { and: [{ '>': [{ var: 'quote' }, 100] }, { '!=': [{ var: 'createdBy' }, ''] }] },
          sort: { field: 'pickup_by', dir: 'asc' },
        }),
      ),
    ).toEqual([]);
    expect(hidden(withView({ sort: { field: 'createdAt', dir: 'desc' } }))).toEqual([]);
    expect(
      hidden(withView({ roles: ['technician'], filter: { '==': [{ var: 'status' }, 'repairing'] } })),
    ).toEqual([]);
  });

  it("follows the form's own rule for what customers read: a read role, or an access entry's read list", () => {
    const filtered = { filter: { '==': [{ var: 'status' }, 'repairing'] } };
    expect(hidden(withView(filtered, { readRoles: ['customer'] }))).toEqual([]);
    const access = {
      access: [
        { roles: ['customer'], create: ['serial'], read: ['status'] },
        { create: ['serial', 'fault'] },
      ],
    };
    expect(hidden(withView(filtered, access))).toEqual([]);
    expect(hidden(withView({ sort: { field: 'labour_hours', dir: 'asc' } }, access))).toEqual([
      { path: '/forms/1/views/0/sort/field', code: 'view.customer_hidden_field' },
    ]);
  });

  it('names the field and the role, in English and in the designer in Chinese', () => {
    const [problem] = validateBundle(withView({ filter: { '==': [{ var: 'status' }, 'done'] } })).filter(
      (p) => p.code === 'view.customer_hidden_field',
    );
    expect(problem?.message).toContain('"status"');
    expect(problem?.message).toContain('"customer"');
    expect(problemText(problem!, 'zh')).toBe(
      '视图的筛选条件用到了字段“status”，而角色“customer”的客户看不到它：他们每次打开这个视图都会被拒绝。',
    );
  });

  it('waits for the form to pass the schema before judging it, and never crashes on it', () => {
    const bundle = withView({ filter: { '==': [{ var: 'status' }, 'done'] } });
    bundle.forms[1].access = 'everyone';
    const problems = found(bundle);
    expect(problems.some((p) => p.path.startsWith('/forms/1/access'))).toBe(true);
    expect(problems.filter((p) => p.code === 'view.customer_hidden_field')).toEqual([]);
    expect(problems.some((p) => p.code === 'bundle.unreadable')).toBe(false);
  });
});
