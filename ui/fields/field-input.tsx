/**
 * One field as an input, through its type's part (`registry.ts`); a type whose part has no input
 * (autonumbers) shows its value.
 */
import { FieldValue } from './field-value.js';
import { useFieldControl } from './field-controls.js';
import type { FieldInputProps } from './field-part.js';
import { fieldPart } from './registry.js';

export function FieldInput(props: FieldInputProps) {
  const control = useFieldControl(props.field.type);
  const { Input } = fieldPart(props.field.type, control);
  if (!Input)
    return (
      <output id={props.id}>
        <FieldValue field={props.field} value={props.value} />
      </output>
    );
  return <Input {...props} NestedInput={FieldInput} NestedValue={FieldValue} />;
}
