import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration, shiftByDuration } from '../../engine/flow/index.js';

describe('ISO-8601 durations', () => {
  it('reads days, hours, minutes, weeks and combinations', () => {
    expect(parseDuration('P1D')).toMatchObject({ days: 1, hours: 0 });
    expect(parseDuration('PT1H')).toMatchObject({ days: 0, hours: 1 });
    expect(parseDuration('P3DT4H30M')).toMatchObject({ days: 3, hours: 4, minutes: 30 });
    expect(parseDuration('P1W')).toMatchObject({ weeks: 1 });
    expect(parseDuration('P1Y2M')).toMatchObject({ years: 1, months: 2 });
    expect(parseDuration('PT45S')).toMatchObject({ seconds: 45 });
    expect(parseDuration('PT1.5S')).toMatchObject({ seconds: 1.5 });
  });

  it('rejects what is not a duration', () => {
    for (const bad of [
      '',
      'P',
      'PT',
      '1D',
      'P1H',
      'PT1D',
      'P-1D',
      'P1.5D',
      'p1d',
      'P1DT',
      3600,
      null,
      'P' + '9'.repeat(80) + 'D',
    ]) {
      expect(parseDuration(bad)).toBeNull();
    }
  });

  it('adds exact time for days and hours, in UTC', () => {
    expect(shiftByDuration('2025-03-03T09:00:00.000Z', 'P3DT4H30M')).toBe('2025-03-06T13:30:00.000Z');
    expect(shiftByDuration('2025-03-03T09:00:00.000Z', 'P1W')).toBe('2025-03-10T09:00:00.000Z');
    expect(shiftByDuration('2025-03-03T09:00:00.000Z', 'PT1H', -1)).toBe('2025-03-03T08:00:00.000Z');
    expect(shiftByDuration('2025-03-03T09:00:00+08:00', 'PT1H')).toBe('2025-03-03T02:00:00.000Z');
    expect(shiftByDuration('2025-03-03T09:00:00.000Z', 'PT0.25S')).toBe('2025-03-03T09:00:00.250Z');
  });

  it("moves calendar months, clamping to the month's last day", () => {
    expect(addDuration('2025-01-31T10:00:00.000Z', parseDuration('P1M')!)).toBe('2025-02-28T10:00:00.000Z');
    expect(addDuration('2024-02-29T00:00:00.000Z', parseDuration('P1Y')!)).toBe('2025-02-28T00:00:00.000Z');
  });

  it('returns null for an unreadable moment or duration', () => {
    expect(shiftByDuration('not a date', 'P1D')).toBeNull();
    expect(shiftByDuration('2025-03-03T09:00:00.000Z', 'soon')).toBeNull();
  });
});
