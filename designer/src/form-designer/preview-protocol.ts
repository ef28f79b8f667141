/** Messages between the form designer's preview and its engine worker (`preview-worker.ts`). */
import type { FormDef } from '../../../engine/definition/types.js';

export interface PreviewRequest {
  id: number;
  form: FormDef;
  input: Record<string, unknown>;
  /** Linked records by form and id (as the web app sends them), for `product.price` in rules. */
  relations: Record<string, Record<string, Record<string, unknown>>>;
  now: string;
  today: string;
  language: 'en' | 'zh';
}

export type PreviewResponse =
  | {
      id: number;
      ok: true;
      evaluated: Record<string, unknown>;
      /** Top-level keys and `/table/row/column` pointers hidden by their rules. */
      hidden: string[];
      errors: { path: string; code: string; message: string }[];
    }
  | { id: number; ok: false; message: string };
