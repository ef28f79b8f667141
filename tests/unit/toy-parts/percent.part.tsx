/**
 * A toy field type's UI part for tests/unit/ui-field-registry.test.ts, written as an extension
 * would write one: a percentage typed with a slider (in steps of the field's `step`) and shown as
 * "50%". One file; one `registerFieldPart` line makes every form show it.
 */
import type { FieldPart } from '../../../ui/fields/field-part.js';

export const percentPart: FieldPart = {
  Input: ({ id, field, value, onChange, describedBy }) => (
    <input
      id={id}
      type="range"
      min={0}
      max={100}
      step={(field as { step?: number }).step ?? 1}
      value={typeof value === 'number' ? value : 0}
      aria-describedby={describedBy}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  ),
  Value: ({ value }) => <span className="percent">{`${String(value)}%`}</span>,
};
