/**
 * Spans of time as people say them: "2 小时 5 分" / "2 h 5 min", the two largest units. Number
 * fields that hold a span say their unit (`unit: 'hours'`), so a formula's 0.0833 hours reads
 * "5 分" / "5 min"; analytics durations read the same way.
 */
import type { DurationUnit } from '../../engine/definition/types.js';
import type { Lang } from '../i18n.js';

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** A span of `minutes` in words; '—' for no value. */
export function spanText(minutes: number | null | undefined, lang: Lang): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const zh = lang !== 'en';
  const sign = minutes < 0 ? '-' : '';
  const m = Math.round(Math.abs(minutes));
  if (m < 1) return zh ? '不到 1 分' : '<1 min';
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const u = zh ? { d: '天', h: '小时', m: '分' } : { d: 'd', h: 'h', m: 'min' };
  const parts =
    d > 0
      ? [
          [d, u.d],
          [h, u.h],
        ]
      : h > 0
        ? [
            [h, u.h],
            [min, u.m],
          ]
        : [[min, u.m]];
  return (
    sign +
    parts
      .filter(([n], i) => i === 0 || n !== 0)
      .map(([n, unit]) => `${n} ${unit}`)
      .join(' ')
  );
}

/** A number field's value in words when the field holds a span of time; undefined otherwise. */
export function fieldSpanText(
  unit: DurationUnit | undefined,
  value: unknown,
  lang: Lang,
): string | undefined {
  if (!unit || typeof value !== 'number') return undefined;
  return spanText(value * MINUTES[unit], lang);
}
