/**
 * Messages between the page and the form-engine worker. The worker runs the engine's own form
 * compiler (ajv compiles validators with `new Function`, which the page's CSP forbids; the worker
 * is served with a policy of its own, see README.md).
 */
import type { InputControl } from '../../../engine/form/index.js';
import type { FieldPermissions, FormDef, Problem } from './types.js';

export interface EngineRequest {
  id: number;
  /** Cache key of the definition in the worker (`app@version/form`). */
  formKey: string;
  form: FormDef;
  /** What the user has entered (only the fields they may write). */
  input: Record<string, unknown>;
  mode: 'create' | 'update';
  /** Stored data the write applies to (update). */
  previous?: Record<string, unknown>;
  permissions?: FieldPermissions;
  /** Related records by form and id, for `customer.tier` in rules and for relation checks. */
  relations: Record<string, Record<string, Record<string, unknown>>>;
  now: string;
  today: string;
  user?: string;
  language: 'en' | 'zh';
}

export type EngineResponse =
  | {
      id: number;
      ok: true;
      /** previous + input with formulas recomputed (hidden fields dropped). */
      evaluated: Record<string, unknown>;
      /** Top-level fields whose `visibleIf` is false (their keys), and table cells hidden in their row (`/parts/0/serial`). */
      hidden: string[];
      /** Everything `submit` would refuse, by JSON pointer. */
      errors: Problem[];
      valid: boolean;
      /** The control kind each field type of the form declares (fallback inputs, ui/fields/field-controls.ts). */
      controls: Record<string, InputControl>;
    }
  | { id: number; ok: false; message: string };
