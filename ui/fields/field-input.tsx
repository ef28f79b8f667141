/**
 * One field as an input, by type, with its label tied to it (`htmlFor`), its help and its errors
 * (`aria-describedby`), and `FormFields`, which lays out a form's fields for a page: editable ones
 * as inputs, the rest as values, hidden ones (visibleIf) left out.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { loc, useI18n } from '../i18n.js';
import type { FieldDef, Problem } from '../../runtime/web/src/types.js';
import { FieldValue } from './field-value.js';
import { FilesInput } from './files-input.js';
import { RelationPicker } from './relation-picker.js';
import { UserPicker } from './user-picker.js';

/** Problems by JSON pointer (`/parts/0/qty`). */
export type ErrorMap = Map<string, string[]>;

export function errorMap(problems: readonly Problem[]): ErrorMap {
  const m: ErrorMap = new Map();
  for (const p of problems) m.set(p.path, [...(m.get(p.path) ?? []), p.message]);
  return m;
}

function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function numberOrText(v: string): number | string | undefined {
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isNaN(n) ? v : n;
}

interface InputProps {
  id: string;
  app: string;
  field: FieldDef;
  value: unknown;
  onChange: (v: unknown) => void;
  describedBy?: string;
  invalid: boolean;
  errors: ErrorMap;
  path: string;
  /** A table's rows as the engine evaluated them: the row formulas (a line's subtotal) as typed. */
  evaluated?: unknown;
  /** Every problem is shown (the user tried to submit): table cells show theirs touched or not. */
  revealAll?: boolean;
}

function RatingInput({ id, field, value, onChange, describedBy }: InputProps) {
  const { t, lang } = useI18n();
  const n = typeof value === 'number' ? value : 0;
  return (
    <div
      className="rating"
      role="radiogroup"
      id={id}
      aria-label={loc(field.label, lang)}
      aria-describedby={describedBy}
    >
      {[1, 2, 3, 4, 5].map((i) => (
        <label key={i} className={i <= n ? 'star on' : 'star'} title={t('ratingOf', { n: i })}>
          <input
            type="radio"
            name={id}
            value={i}
            checked={n === i}
            onChange={() => onChange(i)}
            aria-label={t('ratingOf', { n: i })}
          />
          <span aria-hidden="true">★</span>
        </label>
      ))}
    </div>
  );
}

/** What the form hides: top-level field keys and `/table/row/column` pointers of hidden cells. */
const Hidden = createContext<ReadonlySet<string>>(new Set());

/** `/t/3/c` pointers of the cells touched, with the rows after `removed` moved up one. */
function withoutRow(touched: ReadonlySet<string>, path: string, removed: number): Set<string> {
  const out = new Set<string>();
  for (const p of touched) {
    const [row, ...rest] = p.slice(path.length + 1).split('/');
    const n = Number(row);
    if (n < removed) out.add(p);
    else if (n > removed) out.add(`${path}/${n - 1}/${rest.join('/')}`);
  }
  return out;
}

function TableInput({ id, app, field, value, onChange, errors, path, evaluated, revealAll }: InputProps) {
  const { t, lang } = useI18n();
  const hidden = useContext(Hidden);
  // A new row is not wrong yet: a cell shows its problems once it was changed or left, or on submit.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const touch = (cpath: string) => setTouched((s) => (s.has(cpath) ? s : new Set([...s, cpath])));
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  // Formula cells read the engine's rows, which follow every keystroke (the draft holds inputs only).
  const computedRows = Array.isArray(evaluated) ? (evaluated as Record<string, unknown>[]) : [];
  const cols = field.columns ?? [];
  const setRow = (i: number, row: Record<string, unknown>) =>
    onChange(rows.map((r, j) => (j === i ? row : r)));
  const newRow = () =>
    Object.fromEntries(cols.filter((c) => c.default !== undefined).map((c) => [c.key, c.default]));
  const canAdd = field.maxRows === undefined || rows.length < field.maxRows;
  return (
    <div className="table-input" id={id} role="group" aria-labelledby={`${id}-label`}>
      {rows.map((row, i) => (
        <fieldset key={i} className="table-row">
          <legend>{t('row', { n: i + 1 })}</legend>
          {cols.map((c) => {
            const cid = `${id}-${i}-${c.key}`;
            const cpath = `${path}/${i}/${c.key}`;
            if (hidden.has(cpath)) return null;
            const errs = revealAll || touched.has(cpath) ? errors.get(cpath) : undefined;
            const computed = c.formula !== undefined || c.readonly === true;
            return (
              <div className="field" key={c.key} onBlur={computed ? undefined : () => touch(cpath)}>
                <label htmlFor={cid}>
                  {loc(c.label, lang)}
                  {c.required && (
                    <span className="req" aria-hidden="true">
                      {' '}
                      *
                    </span>
                  )}
                </label>
                {computed ? (
                  <output id={cid}>
                    <FieldValue
                      field={c}
                      value={c.formula !== undefined ? computedRows[i]?.[c.key] : row[c.key]}
                    />
                  </output>
                ) : (
                  <FieldInput
                    id={cid}
                    app={app}
                    field={c}
                    value={row[c.key]}
                    onChange={(v) => {
                      touch(cpath);
                      setRow(i, withValue(row, c.key, v));
                    }}
                    invalid={!!errs}
                    errors={errors}
                    path={cpath}
                    {...(errs ? { describedBy: `${cid}-err` } : {})}
                  />
                )}
                {errs && <FieldErrors id={`${cid}-err`} messages={errs} />}
              </div>
            );
          })}
          <button
            type="button"
            className="link danger"
            onClick={() => {
              setTouched((s) => withoutRow(s, path, i));
              onChange(rows.filter((_, j) => j !== i));
            }}
          >
            {t('removeRow', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {canAdd && (
        <button type="button" className="secondary" onClick={() => onChange([...rows, newRow()])}>
          + {t('addRow')}
        </button>
      )}
    </div>
  );
}

function withValue(data: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const next = { ...data };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}

export function FieldInput(props: InputProps): ReactNode {
  const { id, app, field, value, onChange, describedBy, invalid } = props;
  const { t, lang } = useI18n();
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (field.type) {
    case 'textarea':
      return (
        <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value || undefined)} />
      );
    case 'number':
    case 'integer':
    case 'money':
      return (
        <input
          {...common}
          type="number"
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
          step={field.type === 'integer' ? 1 : field.type === 'money' ? 0.01 : 'any'}
          min={field.min}
          max={field.max}
          value={text}
          onChange={(e) => onChange(numberOrText(e.target.value))}
        />
      );
    case 'date':
      return (
        <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value || undefined)} />
      );
    case 'datetime':
      return (
        <input
          {...common}
          type="datetime-local"
          value={toLocalInput(value)}
          onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)}
        />
      );
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'select':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{t('chooseOne')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {loc(o.label, lang)}
            </option>
          ))}
        </select>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <div
          className="checks"
          id={id}
          role="group"
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy}
        >
          {field.options?.map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  const next = e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value);
                  onChange(next.length ? next : undefined);
                }}
              />
              {loc(o.label, lang)}
            </label>
          ))}
        </div>
      );
    }
    case 'phone':
      return (
        <input
          {...common}
          type="tel"
          autoComplete="tel"
          value={text}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case 'email':
      return (
        <input
          {...common}
          type="email"
          autoComplete="email"
          value={text}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case 'address': {
      const a = value && typeof value === 'object' ? (value as Record<string, string>) : {};
      const parts = ['province', 'city', 'district', 'street', 'postcode'] as const;
      return (
        <div
          className="address"
          id={id}
          role="group"
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy}
        >
          {parts.map((p) => (
            <label key={p} className={p === 'street' ? 'wide' : ''}>
              <span>{t(p)}</span>
              <input
                type="text"
                value={a[p] ?? ''}
                onChange={(e) => {
                  const next = withValue(a, p, e.target.value || undefined);
                  onChange(Object.keys(next).length ? next : undefined);
                }}
              />
            </label>
          ))}
        </div>
      );
    }
    case 'files':
      return (
        <FilesInput
          id={id}
          field={field}
          value={value}
          onChange={onChange}
          {...(describedBy ? { describedBy } : {})}
        />
      );
    case 'relation':
      return (
        <RelationPicker
          id={id}
          app={app}
          field={field}
          value={value}
          onChange={onChange}
          invalid={invalid}
          {...(describedBy ? { describedBy } : {})}
        />
      );
    case 'user':
      return (
        <UserPicker
          id={id}
          app={app}
          value={value}
          onChange={onChange}
          invalid={invalid}
          {...(field.required ? { required: true } : {})}
          {...(describedBy ? { describedBy } : {})}
        />
      );
    case 'rating':
      return <RatingInput {...props} />;
    case 'table':
      return <TableInput {...props} />;
    case 'autonumber':
      return <output id={id}>{text || '—'}</output>;
    default:
      return (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
  }
}

export function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  return (
    <p className="field-error" id={id}>
      {messages.join(' ')}
    </p>
  );
}

export interface FormFieldsProps {
  idPrefix: string;
  app: string;
  fields: readonly FieldDef[];
  /** What is shown for read-only fields and formulas (engine-evaluated data). */
  shown: Record<string, unknown>;
  /** What the user is editing. */
  draft: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  editable: (field: FieldDef) => boolean;
  required: (field: FieldDef) => boolean;
  /** Hidden top-level field keys and `/table/row/column` pointers of hidden table cells. */
  hidden: ReadonlySet<string>;
  errors: ErrorMap;
  /** Show errors only for these top-level fields (touched), or all when undefined. */
  showErrorsFor?: ReadonlySet<string>;
}

/** Lays out fields: inputs for editable ones, values for the rest. */
export function FormFields({
  idPrefix,
  app,
  fields,
  shown,
  draft,
  onChange,
  editable,
  required,
  hidden,
  errors,
  showErrorsFor,
}: FormFieldsProps) {
  const { lang, t } = useI18n();
  return (
    <Hidden.Provider value={hidden}>
      <div className="fields">
        {fields.map((f) => {
          if (hidden.has(f.key)) return null;
          const id = `${idPrefix}-${f.key}`;
          const path = `/${f.key}`;
          const show = !showErrorsFor || showErrorsFor.has(f.key);
          const own = show
            ? [...errors.entries()]
                .filter(([p]) => p === path || (f.type !== 'table' && p.startsWith(`${path}/`)))
                .flatMap(([, m]) => m)
            : [];
          const rowErrors: ErrorMap = new Map(
            show ? [...errors.entries()].filter(([p]) => p.startsWith(`${path}/`)) : [],
          );
          const canEdit = editable(f) && f.formula === undefined && f.type !== 'autonumber';
          const helpId = f.help ? `${id}-help` : undefined;
          const errId = own.length ? `${id}-err` : undefined;
          const describedBy = [helpId, errId].filter(Boolean).join(' ') || undefined;
          const groupLike =
            f.type === 'table' || f.type === 'multiselect' || f.type === 'address' || f.type === 'rating';
          const Label = canEdit && !groupLike ? 'label' : 'span';
          return (
            <div
              className={`field field-${f.type}${own.length ? ' has-error' : ''}`}
              key={f.key}
              data-field={f.key}
            >
              <Label className="label" {...(Label === 'label' ? { htmlFor: id } : { id: `${id}-label` })}>
                {loc(f.label, lang)}
                {canEdit && required(f) && (
                  <span className="req" title={t('required')}>
                    {' '}
                    *
                  </span>
                )}
              </Label>
              {canEdit ? (
                <FieldInput
                  id={id}
                  app={app}
                  field={f}
                  value={draft[f.key]}
                  onChange={(v) => onChange(f.key, v)}
                  invalid={own.length > 0}
                  errors={rowErrors}
                  path={path}
                  {...(f.type === 'table'
                    ? { evaluated: shown[f.key], revealAll: showErrorsFor === undefined }
                    : {})}
                  {...(describedBy ? { describedBy } : {})}
                />
              ) : (
                <div className="value" aria-labelledby={`${id}-label`} data-testid={`value-${f.key}`}>
                  <FieldValue field={f} value={shown[f.key]} />
                </div>
              )}
              {f.help && (
                <p className="help" id={helpId}>
                  {loc(f.help, lang)}
                </p>
              )}
              {errId && <FieldErrors id={errId} messages={own} />}
            </div>
          );
        })}
      </div>
    </Hidden.Provider>
  );
}
