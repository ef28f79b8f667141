import { describe, expect, it } from 'vitest';
import { detourPath, detourX } from '../../designer/src/flow-designer/edge-detour.js';

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
