/**
 * What every control of a node panel needs: the bundle and the flow as they stand in the draft,
 * the node, its form, the language, the app's people, and `set` (one property, one undo step;
 * typing in one control merges into that step).
 */
import { createContext, useContext } from 'react';
import type { Draft } from 'immer';
import type { Person } from '../../../../contract/common.js';
import type { AppBundle, FlowDef, FormDef, NodeDef } from '../../../../engine/definition/types.js';
import type { Lang } from '../../../../ui/i18n.js';
import { writeAt } from './node-paths.js';
import { fallbackStartingFields } from './permission-ops.js';

export type FlowEdit = (recipe: (flow: Draft<FlowDef>) => void, merge?: string) => void;

export interface PanelContextValue {
  bundle: AppBundle;
  flow: FlowDef;
  nodeId: string;
  node: NodeDef;
  /** The flow's form. */
  form: FormDef | undefined;
  lang: Lang;
  /** The node's pointer in the bundle: control ids are this plus the property's path. */
  base: string;
  /** The app's people; `unavailable` when they cannot be listed (a user id is typed then). */
  users: Person[] | 'unavailable' | undefined;
  edit: FlowEdit;
}

export const PanelContext = createContext<PanelContextValue | undefined>(undefined);

export function usePanel(): PanelContextValue {
  const ctx = useContext(PanelContext);
  if (!ctx) throw new Error('usePanel outside a node panel');
  return ctx;
}

/** Sets one property of the panel's node; `typing` merges keystrokes into one undo step. */
export function useSet(): (path: string, value: unknown, typing?: boolean) => void {
  const { edit, nodeId, form } = usePanel();
  return (path, value, typing = false) =>
    edit(
      (flow) => {
        const node = flow.nodes[nodeId];
        if (!node) return;
        const had = node.type === 'event' && node.fallback !== undefined;
        writeAt(node, path, value);
        fallbackStartingFields(node, had, form, flow);
      },
      typing ? `node:${nodeId}:${path}` : undefined,
    );
}

/** A form's fields by key. */
export function formOf(bundle: AppBundle, key: string | undefined): FormDef | undefined {
  return key === undefined ? undefined : bundle.forms.find((f) => f.key === key);
}
