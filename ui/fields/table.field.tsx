/**
 * `table`: rows of a sub-form (`columns`). Each row is a fieldset of its cells, which go through
 * the registry like any field; formula cells read the engine's evaluated rows. A new row is quiet:
 * a cell shows its problems once it was changed or left, or when the user submits.
 */
import { useContext, useState } from 'react';
import { loc, useI18n } from '../i18n.js';
import { FieldErrors } from './field-errors.js';
import { withValue, type FieldPart, type PartInputProps } from './field-part.js';
import { HiddenFields } from './hidden-fields.js';

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

function TableInput(props: PartInputProps) {
  const { id, app, field, value, onChange, errors, path, evaluated, revealAll, NestedInput, NestedValue } =
    props;
  const { t, lang } = useI18n();
  const hidden = useContext(HiddenFields);
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
                    <NestedValue
                      field={c}
                      value={c.formula !== undefined ? computedRows[i]?.[c.key] : row[c.key]}
                    />
                  </output>
                ) : (
                  <NestedInput
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

export const tablePart: FieldPart = {
  group: true,
  nestedErrors: true,
  Input: TableInput,
  Value: function TableValue({ field, value, NestedValue }) {
    const { lang } = useI18n();
    const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
    const cols = field.columns ?? [];
    return (
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c.key} scope="col">
                  {loc(c.label, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {cols.map((c) => (
                  <td key={c.key}>
                    <NestedValue field={c} value={row[c.key]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  },
};
