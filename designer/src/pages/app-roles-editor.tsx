/**
 * An app's roles, edited in its draft (`PUT /apps/:app/draft/roles` with the revision it was read
 * at): each role's key, Chinese and English name, whether holders design the app and whether they
 * are customers (who see only their own records). A role is published with the app; the admin
 * console then gives it to people. A role's key is fixed once published, since users hold it.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../../../ui/api.js';
import type { RoleDef } from '../../../engine/definition/types.js';
import { useT } from '../i18n.js';

const WORDS = {
  title: { zh: '角色', en: 'Roles' },
  help: {
    zh: '应用中的岗位：流程按角色派任务，表单按角色决定谁能提交。保存后随应用发布，再在管理后台分配给用户。',
    en: 'The jobs in this app: flows assign tasks to roles, forms say which roles may submit. Saved into the draft, published with the app, then given to people in the admin console.',
  },
  key: { zh: '角色标识', en: 'Role key' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  design: { zh: '可设计应用', en: 'Designs the app' },
  customer: { zh: '客户（只看自己的记录）', en: 'Customer (sees own records only)' },
  add: { zh: '添加角色', en: 'Add role' },
  remove: { zh: '移除', en: 'Remove' },
  save: { zh: '保存角色', en: 'Save roles' },
  saved: {
    zh: '角色已保存到草稿，发布后生效。',
    en: 'Roles saved into the draft; they apply once published.',
  },
  none: { zh: '还没有角色。', en: 'No roles yet.' },
  badKey: {
    zh: '角色标识须以小写字母开头，只含小写字母、数字和下划线，且不重复。',
    en: 'A role key starts with a lowercase letter, holds only lowercase letters, digits and underscores, and is unique.',
  },
} as const;

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

interface Row {
  key: string;
  zh: string;
  en: string;
  design: boolean;
  customer: boolean;
  /** Published already: users may hold it, so its key stays. */
  fixed: boolean;
}

function toRow(role: RoleDef, published: ReadonlySet<string>): Row {
  const name = typeof role.name === 'string' ? { zh: role.name, en: role.name } : role.name;
  return {
    key: role.key,
    zh: name.zh ?? '',
    en: name.en ?? '',
    design: role.design === true,
    customer: role.customer === true,
    fixed: published.has(role.key),
  };
}

function toRole(row: Row, before: RoleDef | undefined): RoleDef {
  const name: { zh?: string; en?: string } = {};
  if (row.zh.trim()) name.zh = row.zh.trim();
  if (row.en.trim()) name.en = row.en.trim();
  // Properties this editor does not show (supervise) are kept as they were.
  const { design: _d, customer: _c, ...rest } = before ?? ({} as Partial<RoleDef>);
  return {
    ...rest,
    key: row.key,
    name,
    ...(row.design ? { design: true } : {}),
    ...(row.customer ? { customer: true } : {}),
  };
}

export function AppRolesEditor({ app, onSaved }: { app: string; onSaved: () => void }) {
  const { lang } = useT();
  const w = (k: keyof typeof WORDS) => WORDS[k][lang === 'en' ? 'en' : 'zh'];
  const [rows, setRows] = useState<Row[]>();
  const [before, setBefore] = useState<RoleDef[]>([]);
  const [revision, setRevision] = useState(0);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const base = `/apps/${encodeURIComponent(app)}`;
  const load = useCallback(() => {
    void Promise.all([
      api<{ draft: { roles?: RoleDef[] }; revision: number }>('GET', `${base}/draft`),
      api<{ roles: RoleDef[] }>('GET', base).catch(() => ({ roles: [] as RoleDef[] })),
    ]).then(
      ([draft, published]) => {
        const keys = new Set(published.roles.map((r) => r.key));
        const roles = Array.isArray(draft.draft.roles) ? draft.draft.roles : [];
        setBefore(roles);
        setRows(roles.map((r) => toRow(r, keys)));
        setRevision(draft.revision);
      },
      (e: unknown) => setMessage({ text: errorText(e), error: true }),
    );
  }, [base]);
  useEffect(load, [load]);

  const keys = rows?.map((r) => r.key) ?? [];
  const bad = rows?.some((r, i) => !KEY.test(r.key) || keys.indexOf(r.key) !== i) ?? false;
  const change = (i: number, patch: Partial<Row>) =>
    setRows((list) => list?.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    if (!rows) return;
    setMessage(undefined);
    try {
      const roles = rows.map((r) =>
        toRole(
          r,
          before.find((b) => b.key === r.key),
        ),
      );
      const answer = await api<{ revision: number; roles: RoleDef[] }>(
        'PUT',
        `${base}/draft/roles`,
        { roles },
        { 'If-Match': `"${revision}"` },
      );
      setRevision(answer.revision);
      setBefore(answer.roles);
      setMessage({ text: w('saved'), error: false });
      onSaved();
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    }
  };

  return (
    <section className="card" aria-labelledby="roles-title" data-testid="app-roles">
      <h2 id="roles-title">{w('title')}</h2>
      <p className="muted">{w('help')}</p>
      {rows === undefined ? (
        <div className="boot" aria-busy="true" />
      ) : (
        <>
          {rows.length === 0 && <p className="muted">{w('none')}</p>}
          {rows.map((row, i) => (
            <fieldset className="role-row row" key={i} data-testid={`role-${i}`}>
              <label>
                {w('key')}
                <input
                  value={row.key}
                  disabled={row.fixed}
                  onChange={(e) => change(i, { key: e.target.value.trim() })}
                  aria-invalid={!KEY.test(row.key) || keys.indexOf(row.key) !== i ? true : undefined}
                  data-testid={`role-key-${i}`}
                />
              </label>
              <label>
                {w('nameZh')}
                <input
                  value={row.zh}
                  onChange={(e) => change(i, { zh: e.target.value })}
                  data-testid={`role-zh-${i}`}
                />
              </label>
              <label>
                {w('nameEn')}
                <input
                  value={row.en}
                  onChange={(e) => change(i, { en: e.target.value })}
                  data-testid={`role-en-${i}`}
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={row.design}
                  onChange={(e) => change(i, { design: e.target.checked })}
                />
                {w('design')}
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={row.customer}
                  onChange={(e) => change(i, { customer: e.target.checked })}
                />
                {w('customer')}
              </label>
              {!row.fixed && (
                <button
                  type="button"
                  className="quiet"
                  onClick={() => setRows((list) => list?.filter((_, j) => j !== i))}
                >
                  {w('remove')}
                </button>
              )}
            </fieldset>
          ))}
          {bad && (
            <p className="error" role="alert">
              {w('badKey')}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="quiet"
              onClick={() =>
                setRows((list) => [
                  ...(list ?? []),
                  { key: '', zh: '', en: '', design: false, customer: false, fixed: false },
                ])
              }
              data-testid="add-role"
            >
              {w('add')}
            </button>
            <button type="button" onClick={() => void save()} disabled={bad} data-testid="save-roles">
              {w('save')}
            </button>
          </div>
        </>
      )}
      {message && (
        <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
