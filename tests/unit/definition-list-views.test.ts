/**
 * List views (`forms[].views`): the schema takes a view's columns, roles, filter and sort; the
 * checks flag an unknown field or role at its path; deleting or renaming a field a view uses finds
 * the view; and only the fields a view filters or sorts on are indexed, not the ones it shows.
 */
import { describe, expect, it } from 'vitest';
import { renameField } from '../../engine/definition/field-rename.js';
import { diffBundles } from '../../engine/definition/diff-bundles.js';
import { fieldUsages } from '../../engine/definition/field-usages.js';
import { queriedFields } from '../../engine/definition/queried-fields.js';
import type { AppBundle } from '../../engine/index.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

function withView(view: Loose): Loose {
  const bundle = validBundle();
  bundle.forms[1].views = [
    {
      key: 'tech_queue',
      name: { en: 'My queue', zh: '我的队列' },
      roles: ['technician'],
      columns: ['ticket_no', 'fault', 'quote', 'createdAt'],
      filter: { '==': [{ var: 'status' }, 'repairing'] },
      sort: { field: 'pickup_by', dir: 'asc' },
      ...view,
    },
  ];
  return bundle;
}

describe('list views in the definition', () => {
  it('accepts a view with roles, columns, a filter and a sort', () => {
    expect(found(withView({}))).toEqual([]);
  });

  it('flags unknown fields and roles where the view names them', () => {
    const bundle = withView({
      roles: ['technician', 'janitor'],
      columns: ['fault', 'colour', 'parts', 'photos'],
      filter: { '==': [{ var: 'mood' }, 'x'] },
      sort: { field: 'gone', dir: 'desc' },
    });
    expect(found(bundle)).toEqual([
      { path: '/forms/1/views/0/columns/1', code: 'ref.unknown_field' },
      { path: '/forms/1/views/0/columns/2', code: 'ref.not_listable_field' },
      { path: '/forms/1/views/0/columns/3', code: 'ref.not_listable_field' },
      { path: '/forms/1/views/0/filter/==/0/var', code: 'rule.unknown_field' },
      { path: '/forms/1/views/0/roles/1', code: 'ref.unknown_role' },
      { path: '/forms/1/views/0/sort/field', code: 'ref.unknown_field' },
    ]);
  });

  it('refuses a sort by a list field, an empty column list, a bad direction and a duplicate key', () => {
    const bundle = withView({ sort: { field: 'symptoms', dir: 'asc' } });
    bundle.forms[1].views.push(
      { key: 'tech_queue', name: 'Again', columns: [] },
      { key: 'odd', name: 'Odd', columns: ['fault'], sort: { field: 'fault', dir: 'up' } },
    );
    const problems = found(bundle);
    expect(problems).toContainEqual({ path: '/forms/1/views/0/sort/field', code: 'ref.not_sortable_field' });
    expect(problems).toContainEqual({ path: '/forms/1/views/1/key', code: 'key.duplicate' });
    expect(problems.some((p) => p.path === '/forms/1/views/1/columns')).toBe(true);
    expect(problems.some((p) => p.path === '/forms/1/views/2/sort/dir')).toBe(true);
  });

  it('lists a view among the uses of a field it shows, sorts or filters on', () => {
    const bundle = withView({});
    const paths = (field: string) => fieldUsages(bundle, { form: 'repair', field }).map((u) => u.path);
    expect(paths('fault')).toContain('/forms/1/views/0/columns/1');
    expect(paths('pickup_by')).toContain('/forms/1/views/0/sort/field');
    expect(paths('status')).toContain('/forms/1/views/0/filter');
    const use = fieldUsages(bundle, { form: 'repair', field: 'fault' }).find((u) =>
      u.path.includes('/views/'),
    );
    expect(use?.description.zh).toContain('列表视图“我的队列”');
  });

  it('renames a field in the views that use it', () => {
    const renamed = renameField(withView({}), { form: 'repair', field: 'status' }, 'stage').bundle as Loose;
    expect(renamed.forms[1].views[0].filter).toEqual({ '==': [{ var: 'stage' }, 'repairing'] });
    const sorted = renameField(withView({}), { form: 'repair', field: 'pickup_by' }, 'due').bundle as Loose;
    expect(sorted.forms[1].views[0].sort).toEqual({ field: 'due', dir: 'asc' });
  });

  it("shows in version compare as a change of the form's views", () => {
    const changes = diffBundles(validBundle(), withView({}));
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'form',
        change: 'changed',
        key: 'repair',
        properties: [expect.objectContaining({ property: 'views' })],
      }),
    );
  });

  it('indexes the fields a view filters and sorts on, not the ones it only shows', () => {
    const queried = queriedFields(withView({}) as AppBundle).get('repair');
    expect(queried?.get('status')).toContain('list view tech_queue: filtered');
    expect(queried?.get('pickup_by')).toEqual(['list view tech_queue: sorted']);
    const byViews = [...(queried?.entries() ?? [])]
      .filter(([, whys]) => whys.some((why) => why.startsWith('list view')))
      .map(([field]) => field);
    expect(byViews.sort()).toEqual(['pickup_by', 'status']);
  });
});
