/** Messages between the template editor and its worker (`template-worker.ts`). */
import type { FieldDef } from '../../../../engine/definition/types.js';

export interface TemplateRequest {
  id: number;
  source: string;
  /** The form's fields: relation and select values are shown as people read them (not for webhooks). */
  fields: FieldDef[];
  data: Record<string, unknown>;
  builtins: Record<string, unknown>;
  related: Record<string, Record<string, Record<string, unknown>>>;
  language: 'en' | 'zh';
  /** `text` for notifications (displayed values), `json` for webhook bodies (stored values). */
  escape: 'text' | 'json';
}

export type TemplateResponse =
  | { id: number; ok: true; text: string }
  | { id: number; ok: false; problems: { code: string; message: string }[] };
