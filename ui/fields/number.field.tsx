/** `number`: any number; one that holds a span of time (`unit`) reads in words. */
import type { FieldPart } from './field-part.js';
import { NumberInput, NumberValue } from './number-input.js';

export const numberPart: FieldPart = {
  Input: (props) => <NumberInput {...props} step="any" inputMode="decimal" />,
  Value: NumberValue,
};
