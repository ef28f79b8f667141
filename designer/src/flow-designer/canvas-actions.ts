/**
 * What the canvas's nodes and edges may ask of the page (add a node on a transition or paste the
 * copied ones there, open a pinned problem), passed by context so node and edge data stay plain
 * values.
 */
import { createContext, useContext } from 'react';
import type { DraftProblem } from '../editing/draft-sync.js';
import type { FlowEdge } from './flow-ops.js';

export interface CanvasActions {
  /** Kinds offered on a transition's "+", in palette order. */
  kinds: { type: string; label: string; glyph: string }[];
  insert: (edge: FlowEdge, type: string) => void;
  /** Puts the copied nodes on a transition; absent while nothing is copied. */
  paste?: (edge: FlowEdge) => void;
  openProblem: (problem: DraftProblem) => void;
}

export const CanvasActionsContext = createContext<CanvasActions>({
  kinds: [],
  insert: () => undefined,
  openProblem: () => undefined,
});

export function useCanvasActions(): CanvasActions {
  return useContext(CanvasActionsContext);
}

/** The drag payload type of a palette entry. */
export const KIND_DRAG_TYPE = 'application/x-flowcase-node-kind';
