/** `integer`: whole numbers; one that holds a span of time (`unit`) reads in words. */
import type { FieldPart } from './field-part.js';
import { NumberInput, NumberValue } from './number-input.js';

export const integerPart: FieldPart = {
  Input: (props) => <NumberInput {...props} step={1} inputMode="numeric" />,
  // Digits as stored (no grouping), unless the integer is a span of time.
  Value: (props) => (props.field.unit ? <NumberValue {...props} /> : <span>{String(props.value)}</span>),
};
