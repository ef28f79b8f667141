/**
 * A stored value shown as text, through its type's part (`registry.ts`). Everything is rendered
 * through React text nodes, so a value like `<img src=x onerror=…>` shows as those characters and
 * never as markup.
 */
import { useI18n } from '../i18n.js';
import { useFieldControl } from './field-controls.js';
import type { FieldValueProps } from './field-part.js';
import { fieldPart } from './registry.js';

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** `display`: the name a list sent for a relation or user value, shown without looking it up. */
export function FieldValue(props: FieldValueProps) {
  const { t } = useI18n();
  const control = useFieldControl(props.field.type);
  if (isEmpty(props.value)) return <span className="muted">{t('emptyValue')}</span>;
  const { Value } = fieldPart(props.field.type, control);
  return <Value {...props} NestedValue={FieldValue} />;
}
