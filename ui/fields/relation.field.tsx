/** `relation`: a record of another form, picked by searching (`relation-picker.tsx`), shown by its title. */
import { useI18n } from '../i18n.js';
import { useRelationLookup } from '../records.js';
import type { FieldPart } from './field-part.js';
import { RelationPicker } from './relation-picker.js';

export const relationPart: FieldPart = {
  Input: ({ id, app, field, value, onChange, invalid, describedBy }) => (
    <RelationPicker
      id={id}
      app={app}
      field={field}
      value={value}
      onChange={onChange}
      invalid={invalid}
      {...(describedBy ? { describedBy } : {})}
    />
  ),
  Value: function RelationValue({ field, value, display }) {
    const { t } = useI18n();
    const id = typeof value === 'string' ? value : undefined;
    const { label, settled } = useRelationLookup(field, display === undefined ? id : undefined);
    if (display !== undefined) return <span title={String(value)}>{display}</span>;
    if (id === undefined) return <span>{String(value)}</span>;
    if (label !== undefined) return <span title={id}>{label}</span>;
    // Until the look-up answers, and after one that was refused, a word instead of the raw id.
    return settled ? (
      <span className="muted">{t('recordUnavailable')}</span>
    ) : (
      <span className="muted" aria-busy="true">
        {t('loading')}
      </span>
    );
  },
};
