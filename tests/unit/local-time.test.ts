/**
 * Exports write instants in the server's time zone with the offset (`runtime/reports/local-time.ts`),
 * as people read them in a spreadsheet, across daylight-saving changes and half-hour zones.
 */
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../runtime/reports/local-time.js';

describe('localDateTime', () => {
  it('writes an instant as local time with the offset', () => {
    expect(localDateTime('Asia/Shanghai')('2026-12-06T15:14:14.094Z')).toBe('2026-12-06 23:14:14 +08:00');
    expect(localDateTime('Asia/Kolkata')('2026-12-06T20:00:00.000Z')).toBe('2026-12-07 01:30:00 +05:30');
    expect(localDateTime('UTC')('2026-12-06T15:14:14.094Z')).toBe('2026-12-06 15:14:14 +00:00');
  });

  it('follows daylight saving on both sides of the change', () => {
    const ny = localDateTime('America/New_York');
    // 2026-03-08 02:00 local: clocks go forward (UTC−5 → UTC−4) at 07:00 UTC.
    expect(ny('2026-03-08T06:59:59.000Z')).toBe('2026-03-08 01:59:59 -05:00');
    expect(ny('2026-03-08T07:00:00.000Z')).toBe('2026-03-08 03:00:00 -04:00');
    // The same formatter again for an earlier instant (offsets are remembered per quarter hour).
    expect(ny('2026-03-08T06:45:00.000Z')).toBe('2026-03-08 01:45:00 -05:00');
  });

  it('leaves text that is no instant as it is', () => {
    expect(localDateTime('Asia/Shanghai')('soon')).toBe('soon');
  });
});
