/**
 * The contract of a compiled form: what the server and the browser call to fill in defaults and
 * formulas, decide visibility, validate a submission or a task's write, and redact what a viewer
 * may not see. Implemented by `compile-form.ts`.
 */
import type { Problem } from '../errors.js';
import type { FieldDef, FieldPermissions, FormDef } from '../definition/types.js';
import type { FieldChange } from '../flow/types.js';

export type Language = 'en' | 'zh';

export interface FormContext {
  /** ISO-8601 datetime: the clock is passed in. */
  now: string;
  /** `YYYY-MM-DD` in the server's time zone. */
  today: string;
  /** The acting user's id (`$user` in rules). */
  user?: string;
  /** Language of error messages; defaults to the form's, then `en`. */
  language?: Language;
  /** Resolves a relation value (record id of `form`) to that record's data; undefined if missing. */
  lookup?: (form: string, id: string) => Readonly<Record<string, unknown>> | undefined;
  /** Sequence number for an autonumber field on create (the store hands these out). */
  nextSequence?: (fieldKey: string) => number;
}

export interface SubmitOptions extends FormContext {
  /** `create`: a new record (defaults, autonumbers, form-level `required`). `update`: a write onto `previous`. */
  mode: 'create' | 'update';
  /** Stored data the write applies to (update mode). */
  previous?: Readonly<Record<string, unknown>>;
  /**
   * A task node's field permissions. When given, only `editable` fields may be written (a value
   * for any other field is an error, not dropped) and `required` lists what must be filled.
   */
  permissions?: FieldPermissions;
  /**
   * On create: the creator's creation field set (a form's `access`). A value for any other field,
   * or any value for a formula or autonumber field, is an error at its path; form-level `required`
   * applies only to these fields. Absent: every input field may be written (imports, tests).
   */
  writable?: readonly string[];
}

export interface SubmitResult {
  ok: boolean;
  /** The full record data to store: previous + writes, formulas recomputed, hidden fields removed. */
  data: Record<string, unknown>;
  /** Every problem, located by JSON pointer into the data (`/parts/2/qty`), in the requested language. */
  errors: Problem[];
  /** What changed compared to `previous` (or to empty on create), for the history. */
  changes: FieldChange[];
}

export interface CompiledForm {
  readonly key: string;
  readonly definition: Readonly<FormDef>;
  readonly fields: readonly Readonly<FieldDef>[];
  readonly fieldKeys: ReadonlySet<string>;
  /** JSON Schema (2020-12) of stored data, for ajv and for documentation. */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  /** Validates and normalizes a submission or a task write. Never throws on bad input. */
  submit(input: unknown, options: SubmitOptions): SubmitResult;
  /** Recomputes every formula (top level and inside table rows) and drops hidden fields' values. */
  evaluate(data: Readonly<Record<string, unknown>>, context: FormContext): Record<string, unknown>;
  /** Whether a field is visible for this data (its `visibleIf`). */
  isVisible(fieldKey: string, data: Readonly<Record<string, unknown>>, context: FormContext): boolean;
  /**
   * Everything hidden for this data, from one evaluation: `/key` for a top-level field whose
   * `visibleIf` is false, `/table/row/column` for a cell hidden in its row.
   */
  hiddenPaths(data: Readonly<Record<string, unknown>>, context: FormContext): string[];
  /** Keeps only the fields in `visible` (all when undefined). */
  redact(data: Readonly<Record<string, unknown>>, visible?: readonly string[]): Record<string, unknown>;
}
