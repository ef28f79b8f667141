import { describe, expect, it } from 'vitest';
import { backPath, detourPath, detourX } from '../../designer/src/flow-designer/edge-detour.js';

describe('a transition that skips ranks on the canvas', () => {
  it('goes round a node standing on its straight line, right of it', () => {
    // Parallel split at (694, 460) straight down to its join at (694, 656); a task at x 531..731 between.
    expect(detourX(694, 460, 694, 656, 531, 522, 200, 72, undefined)).toBe(531 + 200 + 24);
  });

  it('goes right of the widest of several nodes in the way', () => {
    let clear = detourX(100, 0, 100, 500, 0, 100, 210, 76, undefined);
    clear = detourX(100, 0, 100, 500, 50, 250, 300, 76, clear);
    expect(clear).toBe(50 + 300 + 24);
  });

  it('stays straight when the nodes beside it are clear, or the transition does not run down', () => {
    expect(detourX(694, 460, 694, 656, 400, 522, 200, 72, undefined)).toBeUndefined();
    expect(detourX(694, 460, 694, 656, 600, 700, 200, 72, undefined)).toBeUndefined();
    expect(detourX(694, 460, 694, 480, 600, 462, 200, 10, undefined)).toBeUndefined();
  });

  it('draws the way round and puts its "+" on the clear run', () => {
    const way = detourPath(694, 460, 694, 656, 755);
    expect(way.path).toBe('M 694,460 L 694,476 L 755,476 L 755,640 L 694,640 L 694,656');
    expect([way.labelX, way.labelY]).toEqual([755, 558]);
  });
});

describe('a return transition on the canvas', () => {
  /** The x of a cubic `M sx,sy C c,sy c,ty tx,ty` half-way along. */
  const middleX = (path: string) => {
    const [sx, c, , tx] = [...path.matchAll(/(-?[\d.]+),/g)].map((m) => Number(m[1]));
    return 0.125 * sx! + 0.75 * c! + 0.125 * tx!;
  };

  it('bulges right of two nodes of one column instead of running straight through the nodes between', () => {
    // A review at y 900 returns to the segment's start at y 300, both right sides at x 230 (as dagre
    // lays out every segment of the 301-node flow).
    const way = backPath(230, 938, 230, 338, undefined);
    expect(way.path).toBe('M 230,938 C 294,938 294,338 230,338');
    expect(middleX(way.path)).toBe(230 + 48);
    expect([way.labelX, way.labelY]).toEqual([278, 638]);
  });

  it('passes right of a wider node standing between its ends', () => {
    // The nodes between, found as for any transition: a box from x 100 to 400 is in the way.
    const clear = detourX(230, 338, 230 + 48, 938, 100, 500, 300, 76, undefined);
    expect(clear).toBe(424);
    const way = backPath(230, 938, 230, 338, clear);
    expect(middleX(way.path)).toBeCloseTo(424, 0);
    expect(way.labelX).toBe(424);
  });

  it('bulges past the farther handle when the two ends are not in one column', () => {
    expect(backPath(500, 900, 230, 300, undefined).labelX).toBe(548);
    expect(middleX(backPath(230, 900, 500, 300, undefined).path)).toBeCloseTo(548, 0);
  });
});
