/**
 * The property panel of the selected field, generated from its type's property list (and the
 * properties every field has): each property's control kind picks its input. Typing in one
 * control is one undo step (merge key: field and property), sealed when the control is left.
 * The key is derived from the English label while it still is the derived one, and changes
 * through `onRename` (which shows where-used first); a published field keeps its key.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Draft } from 'immer';
import type { PropertySpec } from '../../../engine/definition/property-list.js';
import { COMMON_FIELD_PROPERTIES, fieldType } from '../../../engine/form/fields/registry.js';
import type {
  FieldDef,
  FieldValidation,
  FormDef,
  LocalizedText,
  SelectOption,
} from '../../../engine/definition/types.js';
import { loc, type Lang } from '../../../ui/i18n.js';
import type { DesignDoc, EditStore, FieldAt } from './edit-store.js';
import { fieldIn } from './edit-store.js';
import { keyFromLabel, takenKeys } from './field-ops.js';
import { RuleSlot } from './rule-slot.js';
import { useWords } from './words.js';
import { FormulaEditor } from '../rules/formula-editor.js';
import { RuleBuilder } from '../rules/rule-builder.js';
import { ValidationsEditor } from '../rules/validations-editor.js';
import { ruleFieldsOfForm, type RuleField } from '../rules/rule-fields.js';

export interface PanelContext {
  forms: readonly FormDef[];
  roles: readonly { key: string; name: LocalizedText }[];
  /** Keys of this form's fields in the published version (their keys are fixed). */
  publishedKeys: ReadonlySet<string>;
}

function segments(path: string): string[] {
  return path.split('/').slice(1);
}

function read(field: FieldDef, path: string): unknown {
  let v: unknown = field;
  for (const s of segments(path))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

function write(field: Draft<FieldDef>, path: string, value: unknown): void {
  const parts = segments(path);
  let target = field as unknown as Record<string, unknown>;
  for (const s of parts.slice(0, -1)) {
    if (typeof target[s] !== 'object' || target[s] === null) target[s] = {};
    target = target[s] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    delete target[last];
  else target[last] = value;
}

function localized(value: unknown): { zh: string; en: string } {
  if (typeof value === 'string') return { zh: value, en: value };
  const v = (value ?? {}) as { zh?: string; en?: string };
  return { zh: v.zh ?? '', en: v.en ?? '' };
}

/** A JSON value typed as text: kept as typed until it parses. */
function JsonText({
  value,
  onChange,
  id,
  label,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  id: string;
  label: string;
}) {
  const { t } = useWords();
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 1));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(value === undefined ? '' : JSON.stringify(value, null, 1));
    setBad(false);
  }, [value]);
  return (
    <>
      <textarea
        id={id}
        aria-label={label}
        rows={3}
        className="code"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') return onChange(undefined);
          try {
            onChange(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <small className="error">{t('invalidJson')}</small>}
    </>
  );
}

function OptionsEditor({
  options,
  change,
  id,
}: {
  options: SelectOption[];
  change: (o: SelectOption[]) => void;
  id: string;
}) {
  const { t } = useWords();
  return (
    <div className="options" id={id}>
      {options.map((o, i) => {
        const label = localized(o.label);
        return (
          <div className="row" key={i} data-testid={`option-${i}`}>
            <input
              aria-label={`${t('optionValue')} ${i + 1}`}
              value={o.value}
              onChange={(e) => change(options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
            />
            <input
              aria-label={`${t('option')} ${i + 1} 中文`}
              value={label.zh}
              onChange={(e) =>
                change(
                  options.map((x, j) => (j === i ? { ...x, label: { ...label, zh: e.target.value } } : x)),
                )
              }
            />
            <input
              aria-label={`${t('option')} ${i + 1} English`}
              value={label.en}
              onChange={(e) =>
                change(
                  options.map((x, j) => (j === i ? { ...x, label: { ...label, en: e.target.value } } : x)),
                )
              }
            />
            <button type="button" className="quiet" onClick={() => change(options.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => {
          let n = options.length + 1;
          while (options.some((o) => o.value === `option_${n}`)) n++;
          change([...options, { value: `option_${n}`, label: { zh: `选项${n}`, en: `Option ${n}` } }]);
        }}
      >
        {t('addOption')}
      </button>
    </div>
  );
}

interface ControlProps {
  spec: PropertySpec;
  field: FieldDef;
  id: string;
  set: (value: unknown) => void;
  context: PanelContext;
  form: FormDef;
  ruleFields: RuleField[];
}

function Control({ spec, field, id, set, context, form, ruleFields }: ControlProps): ReactNode {
  const { lang } = useWords();
  const value = read(field, spec.path);
  const label = loc(spec.label, lang);
  switch (spec.control) {
    case 'list':
      if (spec.path === '/validations')
        return (
          <ValidationsEditor
            id={id}
            value={value as FieldValidation[] | undefined}
            fields={ruleFields}
            onChange={set}
          />
        );
      return <JsonText id={id} label={label} value={value} onChange={set} />;
    case 'rule':
      // A formula is a value (text with operators); any other rule is a condition (visual rows).
      return (
        <RuleSlot id={id} has={value !== undefined} formula={spec.path === '/formula'}>
          {() =>
            spec.path === '/formula' ? (
              <FormulaEditor value={value} fields={ruleFields} onChange={set} testId={id} id={id} />
            ) : (
              <RuleBuilder value={value} fields={ruleFields} onChange={set} testId={id} />
            )
          }
        </RuleSlot>
      );
    case 'localized': {
      const v = localized(value);
      return (
        <div className="row">
          <input
            id={id}
            aria-label={`${label} 中文`}
            placeholder="中文"
            value={v.zh}
            onChange={(e) => set({ ...v, zh: e.target.value })}
          />
          <input
            id={`${id}-en`}
            aria-label={`${label} English`}
            placeholder="English"
            value={v.en}
            onChange={(e) => set({ ...v, en: e.target.value })}
          />
        </div>
      );
    }
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(e.target.checked ? true : undefined)}
        />
      );
    case 'number':
    case 'integer':
      return (
        <input
          id={id}
          type="number"
          step={spec.control === 'integer' ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'select':
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
        >
          <option value="">—</option>
          {spec.choices?.map((c) => (
            <option key={c.value} value={c.value}>
              {loc(c.label, lang)}
            </option>
          ))}
        </select>
      );
    case 'options':
      return <OptionsEditor id={id} options={(value as SelectOption[] | undefined) ?? []} change={set} />;
    case 'strings':
      return (
        <input
          id={id}
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(e) =>
            set(
              e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      );
    case 'form':
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
        >
          <option value="">—</option>
          {context.forms.map((f) => (
            <option key={f.key} value={f.key}>
              {loc(f.name, lang)}
            </option>
          ))}
        </select>
      );
    case 'field': {
      const from = spec.formFrom ? (read(field, `/${spec.formFrom}`) as string | undefined) : form.key;
      const target = from === form.key ? form : context.forms.find((f) => f.key === from);
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
        >
          <option value="">—</option>
          {target?.fields
            .filter((f) => !spec.fieldTypes || spec.fieldTypes.includes(f.type))
            .map((f) => (
              <option key={f.key} value={f.key}>
                {loc(f.label, lang)} ({f.key})
              </option>
            ))}
        </select>
      );
    }
    case 'role':
    case 'roles': {
      const many = spec.control === 'roles';
      const chosen = many ? ((value as string[] | undefined) ?? []) : value;
      return (
        <select
          id={id}
          multiple={many}
          value={many ? (chosen as string[]) : typeof chosen === 'string' ? chosen : ''}
          onChange={(e) =>
            set(many ? Array.from(e.target.selectedOptions, (o) => o.value) : e.target.value || undefined)
          }
        >
          {!many && <option value="">—</option>}
          {context.roles.map((r) => (
            <option key={r.key} value={r.key}>
              {loc(r.name, lang)}
            </option>
          ))}
        </select>
      );
    }
    case 'text':
    case 'pattern':
    case 'url':
      return (
        <input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value)} />
      );
    case 'textarea':
    case 'template':
      return (
        <textarea
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'value':
      if (field.type === 'boolean')
        return (
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => set(e.target.checked || undefined)}
          />
        );
      if (['number', 'integer', 'money', 'rating'].includes(field.type))
        return (
          <input
            id={id}
            type="number"
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
          />
        );
      if (['text', 'textarea', 'phone', 'email', 'date', 'datetime', 'select'].includes(field.type))
        return (
          <input
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(e.target.value)}
          />
        );
      return <JsonText id={id} label={label} value={value} onChange={set} />;
    default:
      return <JsonText id={id} label={label} value={value} onChange={set} />;
  }
}

/**
 * What a rule of the field at `at` may read: the form's fields (the one being edited, not its
 * published copy) and its relations' linked fields; in a table column, the row's columns first.
 */
function formRuleFields(forms: readonly FormDef[], form: FormDef, lang: Lang): RuleField[] {
  const all = forms.some((f) => f.key === form.key)
    ? forms.map((f) => (f.key === form.key ? form : f))
    : [...forms, form];
  return ruleFieldsOfForm(all, form, lang);
}

function rulesFieldsAt(all: RuleField[], at: FieldAt): RuleField[] {
  if (at.column === undefined) return all;
  const row = all
    .filter((f) => f.table === at.field)
    .map((f) => ({ ...f, name: f.name.slice(at.field.length + 1) }));
  return [...row, ...all.filter((f) => !f.table)];
}

export function PropertyPanel({
  edits,
  at,
  context,
  onRename,
  onDelete,
}: {
  edits: EditStore;
  at: FieldAt;
  context: PanelContext;
  onRename: (to: string) => void;
  onDelete: () => void;
}) {
  const { t, lang } = useWords();
  const [doc, setDoc] = useState(edits.getState().doc);
  useEffect(() => edits.subscribe((s) => setDoc(s.doc)), [edits]);
  const field = fieldIn(doc.form, at);
  const name = `${at.field}${at.column ? `.${at.column}` : ''}`;
  // The key being typed, for the field it was typed in (the panel stays mounted across selections).
  const [keyEdit, setKeyEdit] = useState<{ of: string; text: string }>();
  const keyText = keyEdit?.of === `${name}:${field?.key}` ? keyEdit.text : (field?.key ?? '');
  const setKeyText = (text: string) => setKeyEdit({ of: `${name}:${field?.key}`, text });
  // Selecting another field leaves the form as it is: its rule fields are not built again.
  const formFields = useMemo(
    () => formRuleFields(context.forms, doc.form, lang),
    [context.forms, doc.form, lang],
  );
  const ruleFields = useMemo(() => rulesFieldsAt(formFields, at), [formFields, at]);
  if (!field) return <p className="muted">{t('noSelection')}</p>;
  const type = fieldType(field.type)?.description;
  const specs = [...COMMON_FIELD_PROPERTIES, ...(type?.properties ?? [])].filter(
    (s) => s.control !== 'columns' && !(s.path === '/formula' && type?.computable === false),
  );
  const published = at.column === undefined && context.publishedKeys.has(field.key);
  const change = (spec: PropertySpec) => (value: unknown) => {
    edits.getState().edit((d: Draft<DesignDoc>) => {
      const target = fieldIn(d.form, at);
      if (target) write(target, spec.path, value);
    }, `${name}${spec.path}`);
    // The key follows the English label while it is still the one derived from it.
    if (spec.path === '/label' && !published) {
      const before = localized(read(field, '/label')).en;
      const taken = takenKeys(doc.form);
      taken.delete(field.key);
      const derived = keyFromLabel(before, field.type, taken);
      const next = keyFromLabel(localized(value).en, field.type, taken);
      if (field.key === derived && next !== field.key) onRename(next);
    }
  };
  return (
    <form
      className="properties"
      onSubmit={(e) => e.preventDefault()}
      onBlur={() => edits.getState().seal()}
      data-testid="property-panel"
    >
      <h3>
        {loc(type?.label, lang)} · {field.key}
      </h3>
      {specs.map((spec) => {
        const id = `prop-${spec.key}`;
        const label = loc(spec.label, lang);
        if (spec.control === 'key')
          return (
            <div className="prop" key={`${name}${spec.path}`} data-prop={spec.key}>
              <label htmlFor={id}>{label}</label>
              <div className="row">
                <input
                  id={id}
                  value={keyText}
                  disabled={published}
                  pattern="[a-z][a-z0-9_]{0,62}"
                  onChange={(e) => setKeyText(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && keyText !== field.key) onRename(keyText);
                  }}
                  onBlur={() => keyText !== field.key && onRename(keyText)}
                />
              </div>
              {published && <small className="muted">{t('keyLocked')}</small>}
            </div>
          );
        return (
          <div className="prop" key={`${name}${spec.path}`} data-prop={spec.key}>
            <label htmlFor={id}>{label}</label>
            <Control
              spec={spec}
              field={field}
              id={id}
              set={change(spec)}
              context={context}
              form={doc.form}
              ruleFields={ruleFields}
            />
            {spec.help && <small className="muted">{loc(spec.help, lang)}</small>}
          </div>
        );
      })}
      <button type="button" className="danger" onClick={onDelete} data-testid="delete-field">
        {t('deleteField')}
      </button>
    </form>
  );
}
