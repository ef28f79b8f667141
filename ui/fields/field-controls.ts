/**
 * The control kind each field type declares (its engine descriptor's `control`), which picks the
 * input and value view of a type that has no UI part of its own. The web app learns them from its
 * form-engine worker, which holds the engine's field-type registry (the page's bundle does not);
 * another app may hand them over from the engine directly.
 */
import { useSyncExternalStore } from 'react';
import type { InputControl } from '../../engine/form/index.js';

/** The control kinds of the engine's field types (their descriptors' `control`). */
export type FieldControl = InputControl;

const controls = new Map<string, FieldControl>();
const listeners = new Set<() => void>();
let version = 0;

/** Remembers the control kind of each type named (type → control). */
export function rememberFieldControls(byType: Readonly<Record<string, FieldControl>>): void {
  let changed = false;
  for (const [type, control] of Object.entries(byType)) {
    if (controls.get(type) === control) continue;
    controls.set(type, control);
    changed = true;
  }
  if (!changed) return;
  version++;
  for (const l of listeners) l();
}

/** The control kind `type` declared, once known. */
export function fieldControl(type: string): FieldControl | undefined {
  return controls.get(type);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `fieldControl(type)`, re-rendering when the control kinds arrive. */
export function useFieldControl(type: string): FieldControl | undefined {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
  return controls.get(type);
}
