/**
 * The form's list views (列表视图), in the form settings: per view its name, the roles it is for,
 * its columns in order, a default filter from the rule builder and a default sort. The web app's
 * record list starts from the first view a reader's roles allow, and exports follow its columns.
 * Every change is an edit of the form (undo, autosave); typing a name is one undo step.
 */
import { useStore } from 'zustand';
import type { FieldDef, FormDef, ListViewDef, LocalizedText } from '../../../engine/definition/types.js';
import { SINGLE_VALUE_TYPES } from '../../../engine/definition/dashboard-reference-checks.js';
import { loc } from '../../../ui/i18n.js';
import { RuleBuilder } from '../rules/rule-builder.js';
import { ruleFieldsOfForm } from '../rules/rule-fields.js';
import type { EditStore } from './edit-store.js';
import { useWords } from './words.js';

const WORDS = {
  title: { zh: '列表视图', en: 'List views' },
  help: {
    zh: '每个角色在数据列表和待办中看到的列、默认筛选和排序；读者可选的第一个视图为默认视图，导出按视图的列。',
    en: "The columns, default filter and sort a role's record list and inbox start from; a reader's first allowed view is their default, and exports follow its columns.",
  },
  add: { zh: '新建视图', en: 'Add a view' },
  newView: { zh: '新视图', en: 'New view' },
  nameZh: { zh: '视图名称（中文）', en: 'View name (Chinese)' },
  nameEn: { zh: '视图名称（英文）', en: 'View name (English)' },
  roles: { zh: '适用角色', en: 'For roles' },
  everyone: { zh: '都不选：所有可查看此表单的人。', en: 'None ticked: everyone who may read the form.' },
  columns: { zh: '显示的列（按顺序）', en: 'Columns (in order)' },
  addColumn: { zh: '添加列…', en: 'Add a column…' },
  up: { zh: '上移', en: 'Move up' },
  down: { zh: '下移', en: 'Move down' },
  remove: { zh: '移除', en: 'Remove' },
  filter: { zh: '默认筛选', en: 'Default filter' },
  sort: { zh: '默认排序', en: 'Default sort' },
  noSort: { zh: '最新在前', en: 'Newest first' },
  asc: { zh: '升序', en: 'Ascending' },
  desc: { zh: '降序', en: 'Descending' },
  deleteView: { zh: '删除视图', en: 'Delete view' },
  createdAt: { zh: '创建时间', en: 'Created' },
} as const;

type Word = keyof typeof WORDS;

/** Field types a list cell cannot show (a list sorts by fields holding one value: SINGLE_VALUE_TYPES). */
const NOT_LISTABLE = new Set(['table', 'files']);

function nameOf(name: LocalizedText): { zh: string; en: string } {
  return typeof name === 'string' ? { zh: name, en: name } : { zh: name.zh ?? '', en: name.en ?? '' };
}

/** A view key not yet used by the form: `view_1`, `view_2`, … */
function freshKey(views: readonly ListViewDef[]): string {
  for (let n = views.length + 1; ; n++) if (!views.some((v) => v.key === `view_${n}`)) return `view_${n}`;
}

export function ListViewsEditor({
  edits,
  roles,
}: {
  edits: EditStore;
  roles: readonly { key: string; name: LocalizedText }[];
}) {
  const { lang } = useWords();
  const w = (k: Word) => WORDS[k][lang === 'en' ? 'en' : 'zh'];
  const form = useStore(edits, (s) => s.doc.form);
  const views = form.views ?? [];
  const add = () =>
    edits.getState().edit((d) => {
      const listable = d.form.fields.filter((f) => !NOT_LISTABLE.has(f.type));
      const view: ListViewDef = {
        key: freshKey(d.form.views ?? []),
        name: { zh: WORDS.newView.zh, en: WORDS.newView.en },
        columns: listable.slice(0, 3).map((f) => f.key),
      };
      if (view.columns.length === 0) view.columns = ['createdAt'];
      d.form.views = [...(d.form.views ?? []), view];
    });
  return (
    <section className="list-views" data-testid="list-views">
      <h3>{w('title')}</h3>
      <p className="muted small">{w('help')}</p>
      {views.map((view, i) => (
        <ViewCard key={view.key} edits={edits} form={form} view={view} index={i} roles={roles} w={w} />
      ))}
      <button type="button" className="quiet" onClick={add} data-testid="list-view-add">
        + {w('add')}
      </button>
    </section>
  );
}

function ViewCard({
  edits,
  form,
  view,
  index,
  roles,
  w,
}: {
  edits: EditStore;
  form: FormDef;
  view: ListViewDef;
  index: number;
  roles: readonly { key: string; name: LocalizedText }[];
  w: (k: Word) => string;
}) {
  const { lang } = useWords();
  const id = `list-view-${index}`;
  const name = nameOf(view.name);
  /** Changes this view inside the draft (found by position: keys are the designer's own). */
  const change = (recipe: (v: ListViewDef) => void, merge?: string) =>
    edits.getState().edit((d) => {
      const target = d.form.views?.[index];
      if (target) recipe(target);
    }, merge);
  const label = (key: string): string => {
    if (key === 'createdAt') return w('createdAt');
    const field = form.fields.find((f) => f.key === key);
    return field ? loc(field.label, lang) || key : key;
  };
  const listable = form.fields.filter((f) => !NOT_LISTABLE.has(f.type));
  const sortable = form.fields.filter((f) => SINGLE_VALUE_TYPES.has(f.type));
  const unused = [...listable.map((f) => f.key), 'createdAt'].filter((k) => !view.columns.includes(k));
  const move = (from: number, to: number) =>
    change((v) => {
      const [key] = v.columns.splice(from, 1);
      if (key !== undefined) v.columns.splice(to, 0, key);
    });
  const ruleFields = ruleFieldsOfForm([form], form, lang).filter((f) => !f.name.includes('.'));
  return (
    <details className="list-view card" open data-testid={id}>
      <summary>
        {loc(view.name, lang) || view.key} <span className="muted small">({view.key})</span>
      </summary>
      <div className="prop">
        <label htmlFor={`${id}-name-zh`}>{w('nameZh')}</label>
        <input
          id={`${id}-name-zh`}
          value={name.zh}
          onChange={(e) => change((v) => void (v.name = { ...name, zh: e.target.value }), `${id}/name/zh`)}
          data-testid={`${id}-name-zh`}
        />
      </div>
      <div className="prop">
        <label htmlFor={`${id}-name-en`}>{w('nameEn')}</label>
        <input
          id={`${id}-name-en`}
          value={name.en}
          onChange={(e) => change((v) => void (v.name = { ...name, en: e.target.value }), `${id}/name/en`)}
          data-testid={`${id}-name-en`}
        />
      </div>
      <fieldset className="prop">
        <legend>{w('roles')}</legend>
        {roles.map((r) => (
          <label key={r.key} className="check">
            <input
              type="checkbox"
              checked={view.roles?.includes(r.key) ?? false}
              onChange={(e) =>
                change((v) => {
                  const next = new Set(v.roles ?? []);
                  if (e.target.checked) next.add(r.key);
                  else next.delete(r.key);
                  if (next.size === 0) delete v.roles;
                  else v.roles = roles.map((x) => x.key).filter((k) => next.has(k));
                })
              }
              data-testid={`${id}-role-${r.key}`}
            />
            {loc(r.name, lang)}
          </label>
        ))}
        <small className="muted">{w('everyone')}</small>
      </fieldset>
      <fieldset className="prop">
        <legend>{w('columns')}</legend>
        <ol className="view-columns" data-testid={`${id}-columns`}>
          {view.columns.map((key, c) => (
            <li key={key} data-column={key}>
              <span>{label(key)}</span>
              <span className="view-column-buttons">
                <button
                  type="button"
                  className="quiet small"
                  disabled={c === 0}
                  onClick={() => move(c, c - 1)}
                  aria-label={`${w('up')} ${label(key)}`}
                  data-testid={`${id}-column-up-${key}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="quiet small"
                  disabled={c === view.columns.length - 1}
                  onClick={() => move(c, c + 1)}
                  aria-label={`${w('down')} ${label(key)}`}
                  data-testid={`${id}-column-down-${key}`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="quiet small"
                  disabled={view.columns.length === 1}
                  onClick={() => change((v) => void v.columns.splice(c, 1))}
                  aria-label={`${w('remove')} ${label(key)}`}
                  data-testid={`${id}-column-remove-${key}`}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        {unused.length > 0 && (
          <select
            value=""
            onChange={(e) => {
              const key = e.target.value;
              if (key) change((v) => void v.columns.push(key));
            }}
            aria-label={w('addColumn')}
            data-testid={`${id}-column-add`}
          >
            <option value="">{w('addColumn')}</option>
            {unused.map((k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        )}
      </fieldset>
      <div className="prop">
        <span>{w('filter')}</span>
        <RuleBuilder
          value={view.filter}
          fields={ruleFields}
          onChange={(next) =>
            change((v) => {
              if (next === undefined || next === null) delete v.filter;
              else v.filter = next;
            })
          }
          testId={`${id}-filter`}
        />
      </div>
      <div className="prop view-sort">
        <label htmlFor={`${id}-sort`}>{w('sort')}</label>
        <select
          id={`${id}-sort`}
          value={view.sort?.field ?? ''}
          onChange={(e) =>
            change((v) => {
              const field = e.target.value;
              if (!field) delete v.sort;
              else v.sort = { field, dir: v.sort?.dir ?? 'asc' };
            })
          }
          data-testid={`${id}-sort`}
        >
          <option value="">{w('noSort')}</option>
          {[...sortable.map((f: FieldDef) => f.key), 'createdAt'].map((k) => (
            <option key={k} value={k}>
              {label(k)}
            </option>
          ))}
        </select>
        {view.sort && (
          <select
            value={view.sort.dir}
            onChange={(e) =>
              change((v) => {
                if (v.sort) v.sort.dir = e.target.value === 'desc' ? 'desc' : 'asc';
              })
            }
            aria-label={w('sort')}
            data-testid={`${id}-sort-dir`}
          >
            <option value="asc">{w('asc')}</option>
            <option value="desc">{w('desc')}</option>
          </select>
        )}
      </div>
      <button
        type="button"
        className="quiet danger"
        onClick={() =>
          edits.getState().edit((d) => {
            d.form.views?.splice(index, 1);
            if (d.form.views?.length === 0) delete d.form.views;
          })
        }
        data-testid={`${id}-delete`}
      >
        {w('deleteView')}
      </button>
    </details>
  );
}
