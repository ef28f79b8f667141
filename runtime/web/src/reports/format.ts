/** Number and duration formatting for reports, in the language on screen. */
import type { Lang } from '../i18n.js';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number, style?: 'percent'): Intl.NumberFormat {
  const key = `${lang}|${digits}|${style ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
      maximumFractionDigits: digits,
      ...(style ? { style } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/** Integers as they are, other numbers with 2 decimals below 10 and 1 above. */
export function formatNumber(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const digits = Number.isInteger(v) ? 0 : Math.abs(v) < 10 ? 2 : 1;
  return numberFormat(lang, digits).format(v);
}

/** A ratio (0.25) as a percentage (25%). */
export function formatPercent(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return numberFormat(lang, Math.abs(v) < 0.1 ? 1 : 0, 'percent').format(v);
}

/** Milliseconds as the two largest units: 3 d 4 h, 2 h 5 m, 12 m. */
export function formatDuration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—';
  const zh = lang !== 'en';
  const m = Math.round(ms / 60_000);
  if (m < 1) return zh ? '<1分钟' : '<1 m';
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const u = zh ? { d: '天', h: '小时', m: '分钟' } : { d: ' d', h: ' h', m: ' m' };
  const parts =
    d > 0
      ? [`${d}${u.d}`, h ? `${h}${u.h}` : '']
      : h > 0
        ? [`${h}${u.h}`, min ? `${min}${u.m}` : '']
        : [`${min}${u.m}`];
  return parts.filter(Boolean).join(zh ? '' : ' ');
}
