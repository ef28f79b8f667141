/** `autonumber`: the number the server gives a record (RMA-20261209-0001); never typed in. */
import type { FieldPart } from './field-part.js';
import { textPart } from './text.field.js';

export const autonumberPart: FieldPart = {
  Value: textPart.Value,
};
