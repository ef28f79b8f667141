/**
 * The flow canvas's mini-map (issue 21: a 300-node flow on the canvas). A flow that fits the usual
 * 200 × 150 box with nodes 4 px high or more keeps it; a long top-to-bottom flow gets a tall
 * narrow mini-map, at most about half the canvas high, and outlines of about a pixel, so its nodes
 * still show.
 */
import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from '../../designer/src/flow-designer/flow-layout.js';
import { flowExtent, miniMapShape } from '../../designer/src/flow-designer/minimap-shape.js';

describe('the mini-map of the flow canvas', () => {
  it('measures the nodes from their top-left corners at a node’s usual size', () => {
    expect(flowExtent([])).toEqual({ width: 0, height: 0 });
    expect(flowExtent([{ x: 0, y: 0 }])).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT });
    expect(
      flowExtent([
        { x: -100, y: 50 },
        { x: 200, y: 400 },
      ]),
    ).toEqual({ width: 300 + NODE_WIDTH, height: 350 + NODE_HEIGHT });
  });

  it('keeps the usual box for a small, wide or readable flow', () => {
    expect(miniMapShape({ width: 600, height: 400 }, 700)).toEqual({ width: 200, height: 150, stroke: 3 });
    expect(miniMapShape({ width: 3000, height: 500 }, 700)).toMatchObject({ width: 200, height: 150 });
    expect(miniMapShape({ width: 0, height: 0 }, 700)).toEqual({ width: 200, height: 150, stroke: 1 });
  });

  it('makes a long flow’s mini-map tall and narrow, no higher than about half the canvas', () => {
    const long = miniMapShape({ width: 500, height: 28_000 }, 700);
    expect(long).toMatchObject({ width: 80, height: 385 });
    // An outline of one mini-map pixel, in flow units: the whole flow over the mini-map's height.
    expect(long.stroke).toBe(Math.round(28_000 / 385));
    expect(miniMapShape({ width: 500, height: 28_000 }, 2000).height).toBe(420);
    expect(miniMapShape({ width: 500, height: 28_000 }, 100).height).toBe(150);
    // Taller than the box but its nodes readable there (the claim flow): the usual box.
    expect(miniMapShape({ width: 700, height: 1000 }, 700)).toMatchObject({ width: 200, height: 150 });
    // Taller: as tall as gives its nodes 4 px.
    expect(miniMapShape({ width: 500, height: 4000 }, 700)).toMatchObject({ width: 80, height: 211 });
  });
});
