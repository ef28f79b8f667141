/** The seeder's PRNG: a stream per case, so a seed always gives the same cases, and no two cases share one. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../examples/seed/prng.js';

describe('seed PRNG', () => {
  it('gives the same stream for the same parts and different ones otherwise', () => {
    const draw = (r: Rng) => [r.u32(), r.u32(), r.uuid()];
    expect(draw(new Rng('s', 'case', 7))).toEqual(draw(new Rng('s', 'case', 7)));
    expect(draw(new Rng('s', 'case', 7))).not.toEqual(draw(new Rng('s', 'case', 8)));
  });

  it('gives 400,000 cases 400,000 distinct streams (a 32-bit seed would repeat about 19 of them)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400_000; i++) seen.add(new Rng('bench', '0/0', 'case', i).uuid());
    expect(seen.size).toBe(400_000);
  });

  it('puts the time first in version-7 ids, so ids sort by time', () => {
    const r = new Rng('s');
    const early = r.uuid7(Date.UTC(2026, 0, 1));
    const late = r.uuid7(Date.UTC(2026, 0, 2));
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early < late).toBe(true);
  });
});
