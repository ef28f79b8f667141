/**
 * Whether an element is on screen or near it, from one IntersectionObserver shared by every
 * caller. The canvas mounts drag-and-drop hooks only for fields near the viewport: dnd-kit
 * re-renders every sortable when its context changes, which on a 200-field form cost more than
 * issue 20's 50 ms per interaction; fields far away render as plain rows of the same size.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** How far beyond the viewport a field still counts as near (px). */
const MARGIN = 800;

type Listener = (near: boolean) => void;
const listeners = new Map<Element, Listener>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver | undefined {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
    },
    { rootMargin: `${MARGIN}px 0px` },
  );
  return observer;
}

/**
 * A ref callback to put on the element, and whether it is near the viewport (`eager` until the
 * observer first answers, so the top of a form is interactive at once).
 */
export function useNearViewport(eager: boolean): [(el: Element | null) => void, boolean] {
  const [near, setNear] = useState(eager || typeof IntersectionObserver === 'undefined');
  const current = useRef<Element | null>(null);
  const ref = useCallback((el: Element | null) => {
    const o = shared();
    if (current.current && current.current !== el) {
      o?.unobserve(current.current);
      listeners.delete(current.current);
    }
    current.current = el;
    if (el && o && !listeners.has(el)) {
      listeners.set(el, setNear);
      o.observe(el);
    }
  }, []);
  useEffect(
    () => () => {
      if (current.current) {
        observer?.unobserve(current.current);
        listeners.delete(current.current);
      }
    },
    [],
  );
  return [ref, near];
}
