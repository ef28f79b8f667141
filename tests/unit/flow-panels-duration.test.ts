/**
 * The flow designer's duration input: what a designer types ("2 天 4 小时", "2d 4h", "1.5 hours")
 * becomes the ISO-8601 duration the engine stores, and a stored duration reads back in words.
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../engine/definition/iso-duration.js';
import { formatDuration, parseDurationText } from '../../designer/src/flow-designer/panels/duration-text.js';

const iso = (text: string): string | undefined => {
  const r = parseDurationText(text);
  if (!r.ok) throw new Error(`refused: ${text} (${r.reason})`);
  return r.iso;
};

describe('typing a duration', () => {
  it('reads Chinese units', () => {
    expect(iso('2 天 4 小时')).toBe('P2DT4H');
    expect(iso('2天4小时30分钟')).toBe('P2DT4H30M');
    expect(iso('1 周')).toBe('P1W');
    expect(iso('3 个月')).toBe('P3M');
    expect(iso('30 分')).toBe('PT30M');
    expect(iso('2 个小时')).toBe('PT2H');
  });

  it('reads English words and abbreviations, with commas and "and"', () => {
    expect(iso('2 days 4 hours')).toBe('P2DT4H');
    expect(iso('2d 4h')).toBe('P2DT4H');
    expect(iso('2d4h')).toBe('P2DT4H');
    expect(iso('1 day, 2 hours and 5 minutes')).toBe('P1DT2H5M');
    expect(iso('45 min')).toBe('PT45M');
    expect(iso('1 year 2 mo')).toBe('P1Y2M');
  });

  it('writes a half unit down into the smaller one, never rounding', () => {
    expect(iso('1.5 小时')).toBe('PT1H30M');
    expect(iso('0.5 day')).toBe('PT12H');
    const r = parseDurationText('1.3 小时');
    expect(r.ok).toBe(true);
    expect(parseDurationText('0.33 h')).toMatchObject({ ok: false, reason: 'fraction' });
    expect(parseDurationText('1.5 months')).toMatchObject({ ok: false, reason: 'fraction' });
  });

  it('takes an ISO text as it is when the engine accepts it', () => {
    expect(iso('P2DT4H')).toBe('P2DT4H');
    expect(iso('pt30m')).toBe('PT30M');
    expect(parseDurationText('P2X')).toMatchObject({ ok: false, reason: 'syntax' });
  });

  it('clears on empty text', () => {
    expect(parseDurationText('  ')).toEqual({ ok: true, iso: undefined });
  });

  it('refuses business days, since the engine counts calendar time', () => {
    expect(parseDurationText('2 工作日 4 小时')).toEqual({ ok: false, reason: 'business_days' });
    expect(parseDurationText('3 business days')).toEqual({ ok: false, reason: 'business_days' });
  });

  it('refuses unknown units, stray text, zero and oversized components', () => {
    expect(parseDurationText('2 fortnights')).toMatchObject({
      ok: false,
      reason: 'unknown_unit',
      part: 'fortnights',
    });
    expect(parseDurationText('soon')).toMatchObject({ ok: false, reason: 'syntax' });
    expect(parseDurationText('2 天 后')).toMatchObject({ ok: false, reason: 'syntax' });
    expect(parseDurationText('0 小时')).toMatchObject({ ok: false, reason: 'syntax' });
    expect(parseDurationText('1000000 天')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('only ever produces durations the engine accepts', () => {
    for (const text of ['2 天 4 小时', '1.5 h', '1 周 2 天', '90 分钟', '1 year', '10 s', '0.25 天'])
      expect(parseIsoDuration(iso(text))).not.toBeNull();
  });
});

describe('reading a stored duration', () => {
  it('says it in the designer language', () => {
    expect(formatDuration('P2DT4H', 'zh')).toBe('2 天 4 小时');
    expect(formatDuration('P2DT4H', 'en')).toBe('2 days 4 hours');
    expect(formatDuration('PT1H', 'en')).toBe('1 hour');
    expect(formatDuration('P1W2D', 'zh')).toBe('1 周 2 天');
    expect(formatDuration('nonsense', 'en')).toBeUndefined();
  });

  it('round-trips: what is shown parses back to what is stored', () => {
    for (const stored of ['P2DT4H', 'PT30M', 'P1Y2M3W4DT5H6M7S', 'P3M', 'PT2H'])
      for (const lang of ['zh', 'en'] as const) expect(iso(formatDuration(stored, lang)!)).toBe(stored);
  });
});
