/**
 * The positions the automatic layout gives a flow's nodes, laid out again when its nodes or
 * transitions change (not on a property edit). Dagre takes a few hundred milliseconds on a
 * 300-node flow, too long for the frame after a click, so a large flow is laid out on the page
 * only when it opens (or when many nodes are new to the last layout) and in a worker after an
 * edit: the canvas keeps the last layout, a node just added stands beside the node it follows
 * (`provisionalPositions`), and the new layout replaces both when it arrives. A small flow is
 * laid out during the render, as before. Dagre is deterministic: the same flow gets the same
 * positions either way.
 *
 * User Timing measures, read by bench/flow-canvas.bench.ts: `flow-layout` (dagre's own time, on
 * the page or in the worker) and `flow-layout-answer` (from the edit to the worker's layout
 * committed on the page).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlowDef } from '../../../engine/definition/types.js';
import type { Point } from './flow-doc.js';
import { layoutGraph, layoutInput, provisionalPositions, type LayoutInput } from './flow-layout.js';
import type { FlowEdge } from './flow-ops.js';
import type { LayoutAnswer } from './layout-worker.js';

/** From this many nodes a layout after an edit runs in the worker. */
export const WORKER_FROM_NODES = 80;
/** More new nodes than this and provisional places would be guesswork: laid out at once. */
const MAX_PROVISIONAL = 4;

interface LaidOut {
  key: string;
  positions: Record<string, Point>;
  /** When the worker was asked (worker path only). */
  asked?: number;
}

function layoutHere(input: LayoutInput): Record<string, Point> {
  const started = performance.now();
  const positions = layoutGraph(input);
  performance.measure('flow-layout', { start: started, end: performance.now() });
  return positions;
}

export function useFlowLayout(
  flow: FlowDef,
  edges: readonly FlowEdge[],
  back: ReadonlySet<string>,
): Record<string, Point> {
  const input = useMemo(() => layoutInput(flow, edges, back), [flow, edges, back]);
  const key = useMemo(() => JSON.stringify(input), [input]);
  const [laid, setLaid] = useState<LaidOut>();
  /** The shape on screen now: an answer for an older shape (edits went on, or were undone) is dropped. */
  const latest = useRef(key);
  const [worker] = useState(() => new LayoutWorkerClient());
  useEffect(() => () => worker.stop(), [worker]);

  let shown = laid;
  if (laid?.key !== key) {
    const unknown = laid ? input.nodes.filter((id) => !(id in laid.positions)).length : Infinity;
    if (input.nodes.length < WORKER_FROM_NODES || unknown > MAX_PROVISIONAL) {
      // Adjusting state while rendering: React renders again at once with it, before any commit.
      shown = { key, positions: layoutHere(input) };
      setLaid(shown);
    }
  }

  useEffect(() => {
    latest.current = key;
    if (laid?.key === key) return;
    const asked = performance.now();
    void worker.layout(input).then((answer) => {
      performance.measure('flow-layout', { start: performance.now() - answer.ms, duration: answer.ms });
      if (latest.current === key) setLaid({ key, positions: answer.positions, asked });
    });
    // Only a change of shape asks again; `laid` and `input` are read as of that render.
  }, [key]);

  useEffect(() => {
    if (laid?.asked !== undefined)
      performance.measure('flow-layout-answer', { start: laid.asked, end: performance.now() });
  }, [laid]);

  return useMemo(() => provisionalPositions(shown?.positions ?? {}, input), [shown, input]);
}

/**
 * The page's side of the layout worker, started on the first request and stopped with the page.
 * Requests the worker skipped (a newer one was waiting) are never answered; if the worker cannot
 * run, the waiting layouts run on the page rather than never.
 */
class LayoutWorkerClient {
  private worker: Worker | undefined;
  private failed = false;
  private next = 1;
  private readonly waiting = new Map<number, { input: LayoutInput; resolve: (a: LayoutAnswer) => void }>();

  layout(input: LayoutInput): Promise<LayoutAnswer> {
    const id = this.next++;
    return new Promise((resolve) => {
      if (this.failed) return resolve(onPage(id, input));
      this.waiting.set(id, { input, resolve });
      this.start().postMessage({ id, input });
    });
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.waiting.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), {
      type: 'module',
      name: 'layout-worker',
    });
    worker.onmessage = (e: MessageEvent<LayoutAnswer>) => {
      for (const [id, w] of this.waiting)
        if (id <= e.data.id) {
          this.waiting.delete(id);
          if (id === e.data.id) w.resolve(e.data);
        }
    };
    worker.onerror = () => {
      this.failed = true;
      for (const [id, w] of this.waiting) w.resolve(onPage(id, w.input));
      this.stop();
    };
    this.worker = worker;
    return worker;
  }
}

function onPage(id: number, input: LayoutInput): LayoutAnswer {
  const started = performance.now();
  return { id, positions: layoutGraph(input), ms: performance.now() - started };
}
