/**
 * A designer's document and its history, whatever the document is (a form and its sections, a
 * flow and its node positions): every edit is an immer recipe whose patches make one undo step;
 * edits carrying the same `merge` key one after another (typing in one property) grow the last
 * step instead of adding one, until `seal()` (the control lost focus, another item was selected).
 * Pure: no timers, no storage; `draft-sync.ts` saves what this store holds.
 */
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';

enablePatches();

interface Step {
  patches: Patch[];
  inverse: Patch[];
  merge?: string;
}

/** Steps kept for undo; older ones are dropped. */
export const MAX_UNDO_STEPS = 500;

export interface EditState<D extends object> {
  doc: D;
  past: Step[];
  future: Step[];
  /** The merge key of the last step while typing may still grow it. */
  open: string | undefined;
  /** Counts every change of `doc` (edits, undo, redo, loads), so savers know what they saved. */
  version: number;
  /** Applies one edit; `merge` joins it to the previous edit with the same key. */
  edit(recipe: (doc: Draft<D>) => void, merge?: string): void;
  /** Ends the open typing step: the next edit starts a new one. */
  seal(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document and forgets the history (a load, a reload from the server). */
  reset(doc: D): void;
}

export type EditStore<D extends object> = StoreApi<EditState<D>>;

export function createEditStore<D extends object>(doc: D): EditStore<D> {
  return createStore<EditState<D>>()((set, get) => ({
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
        doc: applyPatches<D>(state.doc, step.inverse),
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
        doc: applyPatches<D>(state.doc, step.patches),
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
