/**
 * What a field type's UI part is: an input and a read-only view of a stored value. One file per
 * type (`<type>.field.tsx`), one line in `registry.ts`; a type without a part of its own is shown
 * through the part of the built-in type with its control kind (`field-controls.ts`).
 */
import type { ComponentType } from 'react';
import type { FieldDef, ProblemItem as Problem } from '../../contract/index.js';

/** Problems by JSON pointer (`/parts/0/qty`). */
export type ErrorMap = Map<string, string[]>;

export function errorMap(problems: readonly Problem[]): ErrorMap {
  const m: ErrorMap = new Map();
  for (const p of problems) m.set(p.path, [...(m.get(p.path) ?? []), p.message]);
  return m;
}

/** What a page gives a field's input. */
export interface FieldInputProps {
  id: string;
  app: string;
  field: FieldDef;
  value: unknown;
  /** `undefined` clears the value. */
  onChange: (v: unknown) => void;
  describedBy?: string;
  invalid: boolean;
  /** Problems under this field's path (a table's cells). */
  errors: ErrorMap;
  /** The field's JSON pointer (`/parts`, `/parts/0/qty`). */
  path: string;
  /** The value as the engine evaluated it (a table's row formulas, which follow every keystroke). */
  evaluated?: unknown;
  /** Every problem is shown (the user tried to submit): nested inputs show theirs, touched or not. */
  revealAll?: boolean;
}

/** What a page gives a field's value view. */
export interface FieldValueProps {
  field: FieldDef;
  value: unknown;
  /** The name a list sent for a relation or user value (the server's `display`). */
  display?: string;
}

/**
 * A composite part (a table) shows the fields inside it through these, which go back through the
 * registry; a part never imports the registry itself.
 */
export interface NestedParts {
  NestedInput: ComponentType<FieldInputProps>;
  NestedValue: ComponentType<FieldValueProps>;
}

export type PartInputProps = FieldInputProps & NestedParts;
export type PartValueProps = FieldValueProps & Pick<NestedParts, 'NestedValue'>;

export interface FieldPart {
  /** The input (absent: the value is shown, never typed in, as for autonumbers). */
  Input?: ComponentType<PartInputProps>;
  /** A stored value that is not empty (`FieldValue` shows "—" for empty ones). */
  Value: ComponentType<PartValueProps>;
  /** The input is a group of controls: its label names the group (`aria-labelledby`), not one input. */
  group?: boolean;
  /** The input shows the problems under its path itself (a table's cells), not the field's label. */
  nestedErrors?: boolean;
}

/** The attributes every single-control input carries. */
export function controlAttributes(props: FieldInputProps) {
  return {
    id: props.id,
    'aria-describedby': props.describedBy,
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.field.required || undefined,
  };
}

/** A value as an input's text ('' for anything but a string or number). */
export function inputText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** `data` with `key` set to `v`, or without it when `v` is undefined. */
export function withValue(data: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const next = { ...data };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}
