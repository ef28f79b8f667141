/** `relation`: a record of another form, picked by searching (`relation-picker.tsx`), shown by its title. */
import { useRelationLabel } from '../records.js';
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
    const id = typeof value === 'string' ? value : undefined;
    const label = useRelationLabel(field, display === undefined ? id : undefined);
    if (display !== undefined) return <span title={String(value)}>{display}</span>;
    return id === undefined ? <span>{String(value)}</span> : <span title={id}>{label ?? id}</span>;
  },
};
