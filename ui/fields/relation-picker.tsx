/**
 * A relation field: a combobox searching the other form's records through the records list API
 * (prefix match on the display field on the server, substring match over the first page here).
 * The server lists only what the user may link, so a customer sees their own customer record
 * (the form's `ownerField` names their account) and catalogues open to them (`readRoles`); when
 * exactly one record of an owned form is theirs, it is chosen for them.
 */
import { useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, query } from '../api.js';
import { loadApp, SessionContext } from '../data.js';
import { useI18n } from '../i18n.js';
import { rememberRecord, useRelationLabel } from '../records.js';
import type { FieldDef, RecordRow, User } from '../../contract/index.js';

interface Page {
  items: RecordRow[];
}

function display(field: FieldDef, r: RecordRow): string {
  const v = r.data[field.display ?? 'name'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : r.id;
}

async function search(app: string, field: FieldDef, text: string): Promise<RecordRow[]> {
  const form = field.form ?? '';
  const base = `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records`;
  const disp = field.display ?? 'name';
  const first = api<Page>('GET', base + query({ limit: 200 })).then(
    (p) => p.items,
    () => [] as RecordRow[],
  );
  const prefix = text
    ? api<Page>(
        'GET',
        base +
          query({
            limit: 50,
            filter: JSON.stringify({
              and: [{ '>=': [{ var: disp }, text] }, { '<': [{ var: disp }, `${text}\uffff`] }],
            }),
          }),
      ).then(
        (p) => p.items,
        () => [] as RecordRow[],
      )
    : Promise.resolve([] as RecordRow[]);
  const [a, b] = await Promise.all([first, prefix]);
  const needle = text.toLowerCase();
  const seen = new Set<string>();
  const out: RecordRow[] = [];
  for (const r of [...b, ...a]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (
      !needle ||
      display(field, r).toLowerCase().includes(needle) ||
      JSON.stringify(r.data).toLowerCase().includes(needle)
    )
      out.push(r);
  }
  return out.slice(0, 30);
}

/**
 * The one record of the field's form linked to `user` by the form's owner field, when the user is
 * a customer of the app (every app role they hold is a customer role) and exactly one is theirs.
 */
async function ownRecord(app: string, field: FieldDef, user: User): Promise<RecordRow | undefined> {
  const view = await loadApp(app);
  const customerRoles = new Set(view.roles.filter((r) => r.customer).map((r) => r.key));
  const appRoles = user.roles.filter((r) => view.roles.some((role) => role.key === r));
  if (appRoles.length === 0 || !appRoles.every((r) => customerRoles.has(r))) return undefined;
  const owner = view.forms.find((f) => f.key === field.form)?.ownerField;
  if (!owner) return undefined;
  const base = `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(field.form ?? '')}/records`;
  const page = await api<Page>(
    'GET',
    base + query({ limit: 2, filter: JSON.stringify({ '==': [{ var: owner }, user.id] }) }),
  );
  return page.items.length === 1 ? page.items[0] : undefined;
}

/** Chooses the user's own record once, while the field is still empty. */
function usePreselectOwn(
  app: string,
  field: FieldDef,
  empty: boolean,
  onChange: (v: string | undefined) => void,
): void {
  const user = useContext(SessionContext)?.user;
  const tried = useRef(false);
  const latest = useRef({ empty, onChange });
  latest.current = { empty, onChange };
  useEffect(() => {
    if (!user || tried.current || !latest.current.empty) return;
    tried.current = true;
    ownRecord(app, field, user).then(
      (own) => {
        if (!own || !latest.current.empty) return;
        rememberRecord(own);
        latest.current.onChange(own.id);
      },
      () => undefined,
    );
  }, [app, field, user]);
}

export function RelationPicker({
  id,
  app,
  field,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  app: string;
  field: FieldDef;
  value: unknown;
  onChange: (v: string | undefined) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const selected = typeof value === 'string' ? value : undefined;
  const label = useRelationLabel(field, selected);
  usePreselectOwn(app, field, selected === undefined, onChange);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<RecordRow[]>([]);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    setBusy(true);
    const timer = window.setTimeout(() => {
      void search(app, field, text.trim()).then((found) => {
        if (mine !== seq.current) return;
        setItems(found);
        setActive(0);
        setBusy(false);
      });
    }, 150);
    return () => window.clearTimeout(timer);
  }, [open, text, app, field]);

  const trimmed = text.trim();
  const offerId = trimmed.length >= 6 && !/\s/.test(trimmed) && !items.some((r) => r.id === trimmed);
  const options = [
    ...items.map((r) => ({ id: r.id, text: display(field, r), record: r })),
    ...(offerId ? [{ id: trimmed, text: t('useId', { id: trimmed }), record: undefined }] : []),
  ];

  const choose = (i: number) => {
    const opt = options[i];
    if (!opt) return;
    if (opt.record) rememberRecord(opt.record);
    onChange(opt.id);
    setText('');
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  return (
    <div className="combo">
      {selected && (
        <div className="combo-selected">
          <span className="chip" data-testid={`${id}-selected`}>
            {label ?? selected}
          </span>
          <button type="button" className="link" onClick={() => onChange(undefined)}>
            {t('clear')}
          </button>
        </div>
      )}
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={t('searchRecords')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {open && (
        <ul className="combo-list" role="listbox" id={listId}>
          {options.map((o, i) => (
            <li
              key={o.id + i}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
            >
              {o.text}
            </li>
          ))}
          {options.length === 0 && <li className="muted">{busy ? t('loading') : t('noMatches')}</li>}
        </ul>
      )}
    </div>
  );
}
