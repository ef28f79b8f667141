/**
 * The automatic layout of a large flow, in a worker: dagre takes a few hundred milliseconds on a
 * 300-node flow, which on the page would freeze the canvas after every edit. Requests that queued
 * up while one ran are answered only for the newest; the page keeps only the newest answer anyway.
 */
import { layoutGraph, type LayoutInput } from './flow-layout.js';
import type { Point } from './flow-doc.js';

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

export interface LayoutAnswer {
  id: number;
  positions: Record<string, Point>;
  /** How long dagre took, for the page's `flow-layout` measure. */
  ms: number;
}

/** The worker's global scope, typed without the WebWorker lib (the project compiles against DOM). */
const scope = self as unknown as {
  postMessage(message: LayoutAnswer): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};

let waiting: LayoutRequest | undefined;

function run(): void {
  const request = waiting;
  waiting = undefined;
  if (!request) return;
  const started = performance.now();
  const positions = layoutGraph(request.input);
  scope.postMessage({ id: request.id, positions, ms: performance.now() - started });
}

scope.onmessage = (e) => {
  const first = waiting === undefined;
  waiting = e.data;
  // Messages already queued are delivered before this timeout: only the last of them is laid out.
  if (first) setTimeout(run, 0);
};
