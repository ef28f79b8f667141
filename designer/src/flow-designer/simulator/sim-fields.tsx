/**
 * Fields the designer fills in during a run (the sample record, what a task writes, an event's
 * payload): the shared field inputs of ui/fields, except that a relation picks among the run's own
 * related records and a user field names a person of the run, since nothing here is stored.
 */
import type { FieldDef } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { errorMap } from '../../../../ui/fields/field-part.js';
import { FormFields } from '../../../../ui/fields/form-fields.js';
import { useSimWords } from './sim-words.js';

export interface SimFieldsProps {
  idPrefix: string;
  app: string;
  fields: FieldDef[];
  value: Record<string, unknown>;
  /** What read-only fields and formulas show. */
  shown: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  editable: (field: FieldDef) => boolean;
  required?: (field: FieldDef) => boolean;
  hidden?: ReadonlySet<string>;
  errors?: { path: string; code: string; message: string }[];
  /** The run's related records by form and id. */
  records: Record<string, Record<string, Record<string, unknown>>>;
  /** User ids of the run's personas. */
  people: string[];
}

const OWN_INPUT = new Set(['relation', 'user']);

/** A related record as an option: its display field when that is text or a number, else its id. */
function recordTitle(record: Record<string, unknown>, display: string | undefined, id: string): string {
  const value = record[display ?? 'name'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : id;
}

export function SimFields(props: SimFieldsProps) {
  const { t, lang } = useSimWords();
  const { idPrefix, fields, value, shown, onChange, editable, records, people } = props;
  const hidden = props.hidden ?? new Set<string>();
  const shared = fields.filter((f) => !OWN_INPUT.has(f.type));
  const own = fields.filter((f) => OWN_INPUT.has(f.type) && !hidden.has(f.key));
  return (
    <div className="sim-fields">
      {own.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const current = value[f.key] ?? shown[f.key];
        const text = typeof current === 'string' ? current : '';
        if (!editable(f) || f.formula !== undefined)
          return (
            <div key={f.key} className="field" data-field={f.key}>
              <span className="label">{loc(f.label, lang)}</span>
              <span>{text || '—'}</span>
            </div>
          );
        if (f.type === 'user')
          return (
            <div key={f.key} className="field" data-field={f.key}>
              <label className="label" htmlFor={id}>
                {loc(f.label, lang)}
              </label>
              <input
                id={id}
                list={`${idPrefix}-people`}
                value={text}
                onChange={(e) => onChange(f.key, e.target.value === '' ? undefined : e.target.value)}
              />
              <datalist id={`${idPrefix}-people`}>
                {people.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </div>
          );
        const options = Object.entries(records[f.form ?? ''] ?? {});
        return (
          <div key={f.key} className="field" data-field={f.key}>
            <label className="label" htmlFor={id}>
              {loc(f.label, lang)}
            </label>
            <select
              id={id}
              value={text}
              onChange={(e) => onChange(f.key, e.target.value === '' ? undefined : e.target.value)}
            >
              <option value="">—</option>
              {options.map(([rid, rec]) => (
                <option key={rid} value={rid}>
                  {recordTitle(rec, f.display, rid)}
                </option>
              ))}
            </select>
            {options.length === 0 && <p className="muted small">{t('noRelated')}</p>}
          </div>
        );
      })}
      <FormFields
        idPrefix={idPrefix}
        app={props.app}
        fields={shared}
        shown={shown}
        draft={value}
        onChange={onChange}
        editable={(f) => editable(f) && f.type !== 'autonumber' && f.formula === undefined}
        required={props.required ?? (() => false)}
        hidden={hidden}
        errors={errorMap(props.errors ?? [])}
      />
    </div>
  );
}
