/**
 * The mini-map's size for a flow. xyflow fits the whole flow into a fixed 200 × 150 box, so a
 * long top-to-bottom flow (the 301-node one is some 40 times taller than wide) shrank each node
 * to a pixel or less in a pale colour: the mini-map looked blank. A tall flow whose nodes would be
 * under 4 px high in the box is given a tall narrow mini-map instead (at most about half the canvas
 * high); a small flow keeps the usual box, so the mini-map covers no more of the canvas than it did.
 * Every node gets an outline of about one screen pixel, so the smallest node still shows.
 */
import { NODE_HEIGHT, NODE_WIDTH } from './flow-layout.js';

export const MINIMAP_WIDTH = 200;
export const MINIMAP_HEIGHT = 150;
const MIN_WIDTH = 80;
const MAX_HEIGHT = 420;
/** A node's height in the usual box below which a tall flow gets a taller mini-map. */
const MIN_NODE_PX = 4;

export interface MiniMapShape {
  width: number;
  height: number;
  /** Nodes' outline, in flow units: about one pixel of the mini-map. */
  stroke: number;
}

/** The width and height the nodes at these top-left corners cover, at a node's usual size. */
export function flowExtent(corners: Iterable<{ x: number; y: number }>): { width: number; height: number } {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const p of corners) {
    left = Math.min(left, p.x);
    top = Math.min(top, p.y);
    right = Math.max(right, p.x + NODE_WIDTH);
    bottom = Math.max(bottom, p.y + NODE_HEIGHT);
  }
  return right < left ? { width: 0, height: 0 } : { width: right - left, height: bottom - top };
}

/** The mini-map for a flow of this extent on a canvas this many pixels high. */
export function miniMapShape(extent: { width: number; height: number }, canvasHeight: number): MiniMapShape {
  const { width: w, height: h } = extent;
  let width = MINIMAP_WIDTH;
  let height = MINIMAP_HEIGHT;
  const shown = NODE_HEIGHT / Math.max(w / width, h / height);
  if (shown < MIN_NODE_PX && h / w > MINIMAP_HEIGHT / MINIMAP_WIDTH) {
    const most = Math.max(MINIMAP_HEIGHT, Math.min(MAX_HEIGHT, Math.round(canvasHeight * 0.55)));
    height = Math.min(most, Math.round((h * MIN_NODE_PX) / NODE_HEIGHT));
    width = Math.max(MIN_WIDTH, Math.min(MINIMAP_WIDTH, Math.round((height * w) / h)));
  }
  const scale = Math.max(w / width, h / height, 1);
  return { width, height, stroke: Math.round(scale) };
}
