/**
 * The field-type UI registry: adding a type's input and value view is one `<type>.field.tsx` file
 * and one line here (or one `registerFieldPart` call from outside ui/). A type without a part is
 * shown through the part of the built-in type with the same control kind: an engine type whose
 * descriptor says `control: 'number'` gets the number input until it has an input of its own.
 */
import type { FieldControl } from './field-controls.js';
import type { FieldPart } from './field-part.js';
import { addressPart } from './address.field.js';
import { autonumberPart } from './autonumber.field.js';
import { booleanPart } from './boolean.field.js';
import { datePart } from './date.field.js';
import { datetimePart } from './datetime.field.js';
import { emailPart } from './email.field.js';
import { filesPart } from './files.field.js';
import { integerPart } from './integer.field.js';
import { moneyPart } from './money.field.js';
import { multiselectPart } from './multiselect.field.js';
import { numberPart } from './number.field.js';
import { phonePart } from './phone.field.js';
import { ratingPart } from './rating.field.js';
import { relationPart } from './relation.field.js';
import { selectPart } from './select.field.js';
import { tablePart } from './table.field.js';
import { textPart } from './text.field.js';
import { textareaPart } from './textarea.field.js';
import { userPart } from './user.field.js';

const parts = new Map<string, FieldPart>([
  ['text', textPart],
  ['textarea', textareaPart],
  ['number', numberPart],
  ['integer', integerPart],
  ['money', moneyPart],
  ['date', datePart],
  ['datetime', datetimePart],
  ['boolean', booleanPart],
  ['select', selectPart],
  ['multiselect', multiselectPart],
  ['phone', phonePart],
  ['email', emailPart],
  ['address', addressPart],
  ['files', filesPart],
  ['relation', relationPart],
  ['user', userPart],
  ['rating', ratingPart],
  ['autonumber', autonumberPart],
  ['table', tablePart],
]);

/** The part each control kind falls back to: the built-in type that declares it. */
const BY_CONTROL: Readonly<Record<FieldControl, FieldPart>> = {
  text: textPart,
  textarea: textareaPart,
  number: numberPart,
  date: datePart,
  datetime: datetimePart,
  checkbox: booleanPart,
  select: selectPart,
  multiselect: multiselectPart,
  tel: phonePart,
  email: emailPart,
  rating: ratingPart,
  address: addressPart,
  files: filesPart,
  record: relationPart,
  user: userPart,
  table: tablePart,
  readonly: autonumberPart,
};

/** Adds (or replaces) the UI part of a field type. */
export function registerFieldPart(type: string, part: FieldPart): void {
  parts.set(type, part);
}

/** The type's own part, if it has one. */
export function ownFieldPart(type: string): FieldPart | undefined {
  return parts.get(type);
}

/** The part a field of `type` is shown with: its own, else its control kind's, else plain text. */
export function fieldPart(type: string, control: FieldControl | undefined): FieldPart {
  return parts.get(type) ?? (control ? BY_CONTROL[control] : undefined) ?? textPart;
}
