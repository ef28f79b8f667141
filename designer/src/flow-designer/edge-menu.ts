/**
 * Which transition's "+" menu is open, by the transition's edge id ("source|ref"). Held above the
 * edges, by the canvas, because xyflow drops an edge while a node it touches is measured again
 * (after every save and every insert): a menu kept in the edge's own state would close under the
 * user's pointer.
 */
import { createContext, useContext } from 'react';

export interface EdgeMenu {
  open: string | undefined;
  setOpen: (edge: string | undefined) => void;
}

export const EdgeMenuContext = createContext<EdgeMenu>({ open: undefined, setOpen: () => undefined });

export function useEdgeMenu(): EdgeMenu {
  return useContext(EdgeMenuContext);
}
