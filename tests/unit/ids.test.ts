/** Server-made ids: UUID version 7, so they sort by creation time (B-tree inserts append). */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../runtime/ids.js';

describe('uuidv7', () => {
  it('is a version-7 UUID carrying the time in its first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 23, 8, 0, 0);
    const id = uuidv7(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  it('sorts by time and never repeats within the same millisecond', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 1000)));
    expect(new Set(ids).size).toBe(5000);
    for (let i = 1000; i < ids.length; i += 1000) expect(ids[i - 1]! < ids[i]!).toBe(true);
  });
});
