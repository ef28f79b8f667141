/**
 * A transition that skips ranks (a parallel split straight to its join, a branch's default past
 * the other path) is drawn by xyflow as a straight line from handle to handle, which the layout
 * does not keep clear: a node placed between them covers the line and the "+" at its middle, so
 * nothing could be put on that transition. Such a line goes round the nodes in its way instead.
 */

/** How far right of the nodes in the way the line passes, and how far below/above the handles it turns. */
const GAP = 24;
const TURN = 16;

/**
 * The x of a vertical run clear of the node box (x, y, width, height) and of the run found so far
 * (`clear`), for the line from (sx, sy) down to (tx, ty); `clear` as it was when the box is not in
 * the way (or the transition does not run downwards). Called once per node, without allocating,
 * since every edge asks it of every node whenever the canvas moves.
 */
export function detourX(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  x: number,
  y: number,
  width: number,
  height: number,
  clear: number | undefined,
): number | undefined {
  if (ty - sy <= 2 * TURN) return clear;
  const crossesY = y < ty - TURN && y + height > sy + TURN;
  const crossesX = x <= Math.max(sx, tx) && x + width >= Math.min(sx, tx);
  return crossesX && crossesY ? Math.max(clear ?? -Infinity, x + width + GAP) : clear;
}

/** The SVG path round the obstacles, and where its label (the "+") sits: on the clear vertical run. */
export function detourPath(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  x: number,
): { path: string; labelX: number; labelY: number } {
  const path = `M ${sx},${sy} L ${sx},${sy + TURN} L ${x},${sy + TURN} L ${x},${ty - TURN} L ${tx},${ty - TURN} L ${tx},${ty}`;
  return { path, labelX: x, labelY: (sy + ty) / 2 };
}

/** How far right of its handles a return bulges at least. */
export const BULGE = 48;

/**
 * A return (or loop) leaves a node's right side and comes back to an earlier node's right side.
 * Its two handles often share an x (the nodes of one column), where a curve that bends by how far
 * apart they are left and right is a straight line through every node between them; this one
 * always bulges right, past the handles and past `clear` (the nodes in its way, from `detourX`).
 */
export function backPath(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  clear: number | undefined,
): { path: string; labelX: number; labelY: number } {
  const peak = Math.max(Math.max(sx, tx) + BULGE, clear ?? -Infinity);
  // A cubic whose two control points share the x `c` reaches 0.75 c + 0.125 (sx + tx) at its middle.
  const c = Math.round((peak - 0.125 * (sx + tx)) / 0.75);
  const path = `M ${sx},${sy} C ${c},${sy} ${c},${ty} ${tx},${ty}`;
  return { path, labelX: peak, labelY: (sy + ty) / 2 };
}
