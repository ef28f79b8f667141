/** Instants as people read them, in the server's time zone (where the team works and notices are dated). */
import type { Lang } from '../i18n.js';
import { serverTimeZone } from './server-zone.js';

/** An instant to the minute ("2026/12/09 10:00" / "09/12/2026, 10:00"). */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: serverTimeZone(),
  });
}

/**
 * An instant as a short phrase: "12月9日 10:00" / "9 Dec 10:00", with the year when it is not
 * this year's ("2027年1月3日 09:00" / "3 Jan 2027 09:00").
 */
export function formatWhen(iso: string, lang: Lang, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = (at: Date) => {
    const format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: lang === 'en' ? 'short' : 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: serverTimeZone(),
    });
    return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  };
  const p = parts(d);
  const year = p.year !== parts(now).year ? p.year : undefined;
  const time = `${p.hour}:${p.minute}`;
  if (lang === 'en') return `${p.day} ${p.month}${year ? ` ${year}` : ''} ${time}`;
  return `${year ? `${year}年` : ''}${p.month}月${p.day}日 ${time}`;
}

/** An ISO instant as a `datetime-local` input's value, in this device's zone ('' for none). */
export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
