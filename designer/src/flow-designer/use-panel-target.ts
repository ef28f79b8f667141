/**
 * Which node the side panel shows, and the draft it reads. A node just selected or added reaches
 * the panel after the canvas has painted it: its controls list every node of a large flow and its
 * table every field, and React's deferred render (useDeferredValue) still ran before the paint
 * often enough to push an add on the 301-node canvas past 100 ms. Until then the panel keeps the
 * node and the draft it last showed, so the edit's frame does not draw it again; while the node
 * stays, the panel reads the live draft (typing in it is not delayed).
 */
import { startTransition, useEffect, useRef, useState } from 'react';

export function usePanelTarget<B>(
  wanted: string | undefined,
  bundle: B,
): { node: string | undefined; bundle: B } {
  const [shown, setShown] = useState(wanted);
  // The draft last drawn with the node shown (committed renders only).
  const lastShown = useRef(bundle);
  useEffect(() => {
    if (shown === wanted) lastShown.current = bundle;
  });
  useEffect(() => {
    if (shown === wanted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's callbacks run before it is painted, a timeout set in one runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(wanted)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [wanted, shown]);
  return shown === wanted ? { node: wanted, bundle } : { node: shown, bundle: lastShown.current };
}
