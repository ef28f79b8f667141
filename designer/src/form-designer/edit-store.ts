/**
 * The form designer's document: the form definition and its layout (sections and columns), with
 * the layout fitted to the fields the form has now. Its history is the shared edit store's.
 */
import {
  createEditStore as createDocStore,
  MAX_UNDO_STEPS,
  type EditState as DocEditState,
  type EditStore as DocEditStore,
} from '../editing/edit-store.js';
import type { Draft } from 'immer';
import type { FieldDef, FormDef, LocalizedText } from '../../../engine/definition/types.js';

export { MAX_UNDO_STEPS };

/** One section of the form's layout: a title and the keys of the top-level fields it holds, in order. */
export interface LayoutSection {
  key: string;
  title: LocalizedText;
  /** 1 or 2 columns of fields. */
  columns: 1 | 2;
  fields: string[];
}

/** What the designer keeps in the bundle's `layout.forms[<form>]`. */
export interface FormLayout {
  sections: LayoutSection[];
}

/** Everything an edit may change: the form definition and its layout. */
export interface DesignDoc {
  form: FormDef;
  layout: FormLayout;
}

export type EditState = DocEditState<DesignDoc>;
export type EditStore = DocEditStore<DesignDoc>;

export function createEditStore(doc: DesignDoc): EditStore {
  return createDocStore(doc);
}

/** A field of the document by its position: a top-level field, or a column of a table. */
export interface FieldAt {
  field: string;
  column?: string;
}

/** The field a position names, inside an immer draft or a plain document. */
export function fieldIn(form: FormDef | Draft<FormDef>, at: FieldAt): FieldDef | undefined {
  const top = form.fields.find((f) => f.key === at.field);
  if (at.column === undefined) return top;
  return top?.columns?.find((c) => c.key === at.column);
}

/** The layout a form has before anyone arranged it: one section of one column with every field. */
export function defaultLayout(form: FormDef): FormLayout {
  return {
    sections: [
      {
        key: 'main',
        title: { zh: '基本信息', en: 'Details' },
        columns: 1,
        fields: form.fields.map((f) => f.key),
      },
    ],
  };
}

/**
 * The stored layout made to fit the form: sections keep their order, keys of fields that no longer
 * exist go, fields no section holds join the last section.
 */
export function fitLayout(form: FormDef, stored: unknown): FormLayout {
  const keys = new Set(form.fields.map((f) => f.key));
  const raw = (stored as { sections?: unknown } | undefined)?.sections;
  const sections: LayoutSection[] = [];
  const placed = new Set<string>();
  if (Array.isArray(raw))
    for (const entry of raw as Partial<LayoutSection>[]) {
      if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string') continue;
      const fields: string[] = [];
      for (const k of Array.isArray(entry.fields) ? (entry.fields as unknown[]) : [])
        if (typeof k === 'string' && keys.has(k) && !placed.has(k)) {
          placed.add(k);
          fields.push(k);
        }
      sections.push({
        key: entry.key,
        title: entry.title ?? entry.key,
        columns: entry.columns === 2 ? 2 : 1,
        fields,
      });
    }
  if (sections.length === 0) return defaultLayout(form);
  const rest = form.fields.map((f) => f.key).filter((k) => !placed.has(k));
  sections[sections.length - 1]!.fields.push(...rest);
  return { sections };
}
