/**
 * Mappings from the property lists: a record action's (or a subflow's new record's) values, field
 * by field of the target form, each one not written, this case's field, a fixed value, or a JSON
 * Logic expression; and any other mapping (button labels by action, next node by outcome) as rows
 * of a key and a value.
 */
import type { FieldDef } from '../../../../engine/definition/types.js';
import type { PropertySpec } from '../../../../engine/definition/property-list.js';
import { loc } from '../../../../ui/i18n.js';
import { usePanel } from './panel-context.js';
import {
  fieldChoices,
  JsonControl,
  LocalizedControl,
  SelectControl,
  TextControl,
  useNodeChoices,
} from './simple-controls.js';
import { usePanelWords } from './words.js';

type Mode = 'none' | 'field' | 'fixed' | 'expression';

function modeOf(value: unknown): Mode {
  if (value === undefined) return 'none';
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'var' && typeof (value as { var: unknown }).var === 'string')
      return 'field';
    return 'expression';
  }
  if (Array.isArray(value)) return 'expression';
  return 'fixed';
}

function fixedFrom(field: FieldDef, text: string): unknown {
  if (['number', 'integer', 'money', 'rating'].includes(field.type)) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (field.type === 'boolean') return text === 'true';
  return text;
}

export function FieldMapping({
  id,
  value,
  onChange,
  targetFields,
}: {
  id: string;
  value: unknown;
  onChange: (next: Record<string, unknown> | undefined, typing?: boolean) => void;
  targetFields: readonly FieldDef[] | undefined;
}) {
  const { t } = usePanelWords();
  const { form, lang } = usePanel();
  const map = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (!targetFields) return <p className="fp-muted">{t('mappingPickForm')}</p>;
  const sources = fieldChoices(form?.fields ?? [], lang);
  const put = (key: string, v: unknown, typing = false) => {
    const next = { ...map };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(Object.keys(next).length > 0 ? next : undefined, typing);
  };
  return (
    <table className="fp-mapping" id={id} tabIndex={-1}>
      <thead>
        <tr>
          <th>{t('mappingField')}</th>
          <th>{t('mappingValue')}</th>
        </tr>
      </thead>
      <tbody>
        {targetFields
          .filter((f) => f.type !== 'autonumber')
          .map((field) => {
            const v = map[field.key];
            const mode = modeOf(v);
            const cellId = `${id}/${field.key}`;
            return (
              <tr key={field.key} data-testid={`mapping-${field.key}`}>
                <td>
                  {loc(field.label, lang)} <span className="fp-muted">({field.key})</span>
                </td>
                <td>
                  <div className="fp-mapping-value">
                    <select
                      id={cellId}
                      aria-label={`${loc(field.label, lang)}: ${t('mappingValue')}`}
                      value={mode}
                      onChange={(e) => {
                        const m = e.target.value as Mode;
                        put(
                          field.key,
                          m === 'none'
                            ? undefined
                            : m === 'field'
                              ? {
                                  var:
                                    sources.find((s) => s.value === field.key)?.value ??
                                    sources[0]?.value ??
                                    '',
                                }
                              : m === 'fixed'
                                ? fixedFrom(field, '')
                                : { var: '' },
                        );
                      }}
                    >
                      <option value="none">{t('mappingNotSet')}</option>
                      <option value="field">{t('mappingFromField')}</option>
                      <option value="fixed">{t('mappingFixed')}</option>
                      <option value="expression">{t('mappingExpression')}</option>
                    </select>
                    {mode === 'field' && (
                      <SelectControl
                        id={`${cellId}/var`}
                        label={t('mappingFromField')}
                        value={(v as { var: string }).var}
                        required
                        options={sources}
                        onChange={(k) => put(field.key, { var: k ?? '' })}
                      />
                    )}
                    {mode === 'fixed' && (
                      <input
                        aria-label={`${loc(field.label, lang)}: ${t('mappingFixed')}`}
                        value={
                          typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
                            ? String(v)
                            : ''
                        }
                        onChange={(e) => put(field.key, fixedFrom(field, e.target.value), true)}
                      />
                    )}
                    {mode === 'expression' && (
                      <JsonControl
                        id={`${cellId}/expression`}
                        label={t('mappingExpression')}
                        value={v}
                        onChange={(next, typing) => put(field.key, next ?? { var: '' }, typing)}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

/** Any other mapping: button labels by action, next node by a subflow's outcome. */
export function GenericMapping({
  id,
  spec,
  value,
  onChange,
}: {
  id: string;
  spec: PropertySpec;
  value: unknown;
  onChange: (next: Record<string, unknown> | undefined, typing?: boolean) => void;
}) {
  const { t, lang } = usePanelWords();
  const nodes = useNodeChoices();
  const map = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const put = (key: string, v: unknown, typing = false) => {
    const next = { ...map };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(Object.keys(next).length > 0 ? next : undefined, typing);
  };
  const { node } = usePanel();
  // Button labels: the actions this step offers (and any label already written).
  const offered =
    spec.key === 'actionLabels' && node.type === 'task'
      ? new Set<string>([...(node.actions ?? ['submit']), ...Object.keys(map)])
      : undefined;
  const keyChoices = spec.choices
    ?.filter((c) => !offered || offered.has(c.value))
    .map((c) => ({ value: c.value, label: loc(c.label, lang) }));
  const valueControl = (key: string) => {
    const valueId = `${id}/${key}`;
    const label = keyChoices
      ? t('actionLabelsFor', { action: keyChoices.find((c) => c.value === key)?.label ?? key })
      : key;
    switch (spec.mapValue) {
      case 'localized':
        return (
          <LocalizedControl
            id={valueId}
            label={label}
            value={map[key]}
            onChange={(v, typing) => put(key, v, typing)}
          />
        );
      case 'node':
        return (
          <SelectControl
            id={valueId}
            label={label}
            value={map[key]}
            options={nodes}
            onChange={(v) => put(key, v)}
          />
        );
      case 'rule':
        return (
          <JsonControl
            id={valueId}
            label={label}
            value={map[key]}
            onChange={(v, typing) => put(key, v, typing)}
          />
        );
      default:
        return (
          <TextControl
            id={valueId}
            label={label}
            value={map[key]}
            onChange={(v, typing) => put(key, v, typing)}
          />
        );
    }
  };
  // With a fixed set of keys (actions), every key is a row; otherwise rows are added by name.
  const keys = keyChoices ? keyChoices.map((c) => c.value) : Object.keys(map);
  return (
    <div className="fp-generic-mapping" id={id} tabIndex={-1}>
      {keys.map((key) => (
        <div key={key} className="fp-mapping-row">
          <span className="fp-mapping-key">{keyChoices?.find((c) => c.value === key)?.label ?? key}</span>
          {valueControl(key)}
          {!keyChoices && (
            <button type="button" className="fp-link" onClick={() => put(key, undefined)}>
              {t('remove')}
            </button>
          )}
        </div>
      ))}
      {!keyChoices && (
        <AddKey
          label={spec.mapKey === 'outcome' ? t('outcomeKey') : t('add')}
          onAdd={(key) => put(key, spec.mapValue === 'node' ? (nodes[0]?.value ?? '') : '')}
        />
      )}
    </div>
  );
}

function AddKey({ label, onAdd }: { label: string; onAdd: (key: string) => void }) {
  const { t } = usePanelWords();
  return (
    <form
      className="fp-add-key"
      onSubmit={(e) => {
        e.preventDefault();
        const input = e.currentTarget.elements.namedItem('key') as HTMLInputElement;
        if (input.value.trim()) onAdd(input.value.trim());
        input.value = '';
      }}
    >
      <input name="key" aria-label={label} placeholder={label} />
      <button type="submit" className="fp-add">
        + {t('add')}
      </button>
    </form>
  );
}
