/**
 * A form's fields laid out for a page: editable ones as inputs (their label tied with `htmlFor`,
 * help and problems with `aria-describedby`), the rest as values, hidden ones (visibleIf) left out.
 */
import { loc, useI18n } from '../i18n.js';
import type { FieldDef } from '../../contract/index.js';
import { FieldErrors } from './field-errors.js';
import { FieldInput } from './field-input.js';
import { useFieldControl } from './field-controls.js';
import type { ErrorMap } from './field-part.js';
import { FieldValue } from './field-value.js';
import { HiddenFields } from './hidden-fields.js';
import { fieldPart } from './registry.js';

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
  return (
    <HiddenFields.Provider value={hidden}>
      <div className="fields">
        {fields.map((f) =>
          hidden.has(f.key) ? null : (
            <FormField
              key={f.key}
              field={f}
              id={`${idPrefix}-${f.key}`}
              app={app}
              shown={shown[f.key]}
              draft={draft[f.key]}
              onChange={(v) => onChange(f.key, v)}
              canEdit={editable(f) && f.formula === undefined}
              required={required(f)}
              errors={errors}
              showErrors={!showErrorsFor || showErrorsFor.has(f.key)}
              revealAll={showErrorsFor === undefined}
            />
          ),
        )}
      </div>
    </HiddenFields.Provider>
  );
}

/** One field: its label, its input or value, its help and its problems. */
function FormField({
  field: f,
  id,
  app,
  shown,
  draft,
  onChange,
  canEdit: editable,
  required,
  errors,
  showErrors,
  revealAll,
}: {
  field: FieldDef;
  id: string;
  app: string;
  shown: unknown;
  draft: unknown;
  onChange: (value: unknown) => void;
  canEdit: boolean;
  required: boolean;
  errors: ErrorMap;
  showErrors: boolean;
  revealAll: boolean;
}) {
  const { lang, t } = useI18n();
  const part = fieldPart(f.type, useFieldControl(f.type));
  const path = `/${f.key}`;
  // A part that shows its nested problems itself (a table's cells) takes only its own path's here.
  const own = showErrors
    ? [...errors.entries()]
        .filter(([p]) => p === path || (!part.nestedErrors && p.startsWith(`${path}/`)))
        .flatMap(([, m]) => m)
    : [];
  const nested: ErrorMap = new Map(
    showErrors ? [...errors.entries()].filter(([p]) => p.startsWith(`${path}/`)) : [],
  );
  const canEdit = editable && part.Input !== undefined;
  const helpId = f.help ? `${id}-help` : undefined;
  const errId = own.length ? `${id}-err` : undefined;
  const describedBy = [helpId, errId].filter(Boolean).join(' ') || undefined;
  const Label = canEdit && !part.group ? 'label' : 'span';
  return (
    <div className={`field field-${f.type}${own.length ? ' has-error' : ''}`} data-field={f.key}>
      <Label className="label" {...(Label === 'label' ? { htmlFor: id } : { id: `${id}-label` })}>
        {loc(f.label, lang)}
        {canEdit && required && (
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
          value={draft}
          onChange={onChange}
          invalid={own.length > 0}
          errors={nested}
          path={path}
          evaluated={shown}
          revealAll={revealAll}
          {...(describedBy ? { describedBy } : {})}
        />
      ) : (
        <div className="value" aria-labelledby={`${id}-label`} data-testid={`value-${f.key}`}>
          <FieldValue field={f} value={shown} />
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
}
