/** Numbers, percentages, money and durations for reports and values, in the language on screen. */
import { spanText } from './duration.js';
import type { Lang } from '../i18n.js';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * From this magnitude on, numbers are written in scientific notation: digits past the 15th are
 * noise in a double, and a stored 1e308 would otherwise print as 309 digits.
 */
export const SCIENTIFIC_FROM = 1e15;

function numberFormat(lang: Lang, digits: number, style?: 'percent', scientific = false): Intl.NumberFormat {
  const key = `${lang}|${digits}|${style ?? ''}|${scientific}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
      maximumFractionDigits: digits,
      ...(style ? { style } : {}),
      ...(scientific ? { notation: 'scientific' as const } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/**
 * Integers as they are, other numbers with 2 decimals below 10 and 1 above; huge ones as 1.5E20;
 * "—" for no value and for NaN or Infinity (an aggregate that overflowed has no figure to show).
 */
export function formatNumber(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= SCIENTIFIC_FROM) return numberFormat(lang, 2, undefined, true).format(v);
  const digits = Number.isInteger(v) ? 0 : Math.abs(v) < 10 ? 2 : 1;
  return numberFormat(lang, digits).format(v);
}

/** A ratio (0.25) as a percentage (25%); huge ones in scientific notation, like numbers. */
export function formatPercent(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v * 100) >= SCIENTIFIC_FROM) return numberFormat(lang, 2, 'percent', true).format(v);
  return numberFormat(lang, Math.abs(v) < 0.1 ? 1 : 0, 'percent').format(v);
}

/** Milliseconds as the two largest units: "3 天 4 小时", "2 h 5 min", "12 min". */
export function formatDuration(ms: number | null | undefined, lang: Lang): string {
  return spanText(ms === null || ms === undefined ? ms : ms / 60_000, lang);
}

/** An amount with its currency (CNY when the field names none). */
export function formatMoney(n: number, currency: string | undefined, lang: Lang): string {
  try {
    return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
      style: 'currency',
      currency: currency ?? 'CNY',
    }).format(n);
  } catch {
    return n.toFixed(2);
  }
}

/** A number as people read it: grouped digits, at most two decimals. */
export function formatPlainNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(n);
}
