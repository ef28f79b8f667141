/**
 * The form designer's document and its history: every edit is an immer recipe whose patches make
 * one undo step; edits carrying the same `merge` key one after another (typing in one property)
 * grow the last step instead of adding one, until `seal()` (the control lost focus, another field
 * was selected). Pure: no timers, no storage; `draft-sync.ts` saves what this store holds.
 */
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FieldDef, FormDef, LocalizedText } from '../../../engine/definition/types.js';

enablePatches();

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

interface Step {
  patches: Patch[];
  inverse: Patch[];
  merge?: string;
}

/** Steps kept for undo; older ones are dropped. */
export const MAX_UNDO_STEPS = 500;

export interface EditState {
  doc: DesignDoc;
  past: Step[];
  future: Step[];
  /** The merge key of the last step while typing may still grow it. */
  open: string | undefined;
  /** Counts every change of `doc` (edits, undo, redo, loads), so savers know what they saved. */
  version: number;
  /** Applies one edit; `merge` joins it to the previous edit with the same key. */
  edit(recipe: (doc: Draft<DesignDoc>) => void, merge?: string): void;
  /** Ends the open typing step: the next edit starts a new one. */
  seal(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document and forgets the history (a load, a reload from the server). */
  reset(doc: DesignDoc): void;
}

export type EditStore = StoreApi<EditState>;

export function createEditStore(doc: DesignDoc): EditStore {
  return createStore<EditState>()((set, get) => ({
    doc,
    past: [],
    future: [],
    open: undefined,
    version: 0,
    edit(recipe, merge) {
      const state = get();
      const [next, patches, inverse] = produceWithPatches(state.doc, recipe);
      if (patches.length === 0) return;
      const last = state.past[state.past.length - 1];
      const grows = merge !== undefined && state.open === merge && last?.merge === merge;
      const past = grows
        ? [
            ...state.past.slice(0, -1),
            { patches: [...last.patches, ...patches], inverse: [...inverse, ...last.inverse], merge },
          ]
        : [...state.past, { patches, inverse, merge }].slice(-MAX_UNDO_STEPS);
      set({ doc: next, past, future: [], open: merge, version: state.version + 1 });
    },
    seal() {
      if (get().open !== undefined) set({ open: undefined });
    },
    undo() {
      const state = get();
      const step = state.past[state.past.length - 1];
      if (!step) return;
      set({
        doc: applyPatches(state.doc, step.inverse),
        past: state.past.slice(0, -1),
        future: [step, ...state.future],
        open: undefined,
        version: state.version + 1,
      });
    },
    redo() {
      const state = get();
      const [step, ...rest] = state.future;
      if (!step) return;
      set({
        doc: applyPatches(state.doc, step.patches),
        past: [...state.past, step],
        future: rest,
        open: undefined,
        version: state.version + 1,
      });
    },
    reset(next) {
      set({ doc: next, past: [], future: [], open: undefined, version: get().version + 1 });
    },
  }));
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
