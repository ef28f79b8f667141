/**
 * The business-friendly duration input: "2 天 4 小时", "2d 4h", "1.5 hours" ↔ the ISO-8601
 * duration the engine stores (`P2DT4H`). Accepts exactly what `parseIsoDuration` accepts (whole
 * components of at most six digits; a half hour or half day is written down into the smaller
 * unit). The engine counts calendar time (a day is 24 hours, duration-math.ts) and has no working
 * calendar, so "工作日"/"business day" is refused with that reason rather than stored as days.
 */
import { parseIsoDuration, type IsoDuration } from '../../../../engine/definition/iso-duration.js';

export type DurationLanguage = 'zh' | 'en';

export type DurationParse =
  | { ok: true; iso: string | undefined }
  | {
      ok: false;
      reason: 'business_days' | 'unknown_unit' | 'syntax' | 'too_large' | 'fraction';
      part?: string;
    };

type Unit = keyof IsoDuration;

/** Unit words, longest first within a language so "分钟" wins over "分" and "min" over "m". */
const UNIT_WORDS: readonly (readonly [string, Unit])[] = [
  ['个小时', 'hours'],
  ['小时', 'hours'],
  ['个月', 'months'],
  ['星期', 'weeks'],
  ['分钟', 'minutes'],
  ['年', 'years'],
  ['月', 'months'],
  ['周', 'weeks'],
  ['天', 'days'],
  ['日', 'days'],
  ['时', 'hours'],
  ['分', 'minutes'],
  ['秒', 'seconds'],
  ['years', 'years'],
  ['year', 'years'],
  ['yrs', 'years'],
  ['yr', 'years'],
  ['y', 'years'],
  ['months', 'months'],
  ['month', 'months'],
  ['mo', 'months'],
  ['weeks', 'weeks'],
  ['week', 'weeks'],
  ['wks', 'weeks'],
  ['wk', 'weeks'],
  ['w', 'weeks'],
  ['days', 'days'],
  ['day', 'days'],
  ['d', 'days'],
  ['hours', 'hours'],
  ['hour', 'hours'],
  ['hrs', 'hours'],
  ['hr', 'hours'],
  ['h', 'hours'],
  ['minutes', 'minutes'],
  ['minute', 'minutes'],
  ['mins', 'minutes'],
  ['min', 'minutes'],
  ['m', 'minutes'],
  ['seconds', 'seconds'],
  ['second', 'seconds'],
  ['secs', 'seconds'],
  ['sec', 'seconds'],
  ['s', 'seconds'],
];
const UNITS = new Map(UNIT_WORDS);

const BUSINESS_DAYS = /工作日|working\s*days?|business\s*days?|workdays?/i;

/** How many of the next smaller unit one of these holds, for writing "1.5 小时" as 1 h 30 min. */
const SMALLER: Partial<Record<Unit, readonly [Unit, number]>> = {
  weeks: ['days', 7],
  days: ['hours', 24],
  hours: ['minutes', 60],
  minutes: ['seconds', 60],
};

const ORDER: readonly Unit[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];
const MAX_COMPONENT = 999_999;

/** The ISO text of a duration, components in the engine's order (`P1W2DT3H`). */
export function isoOf(d: IsoDuration): string | undefined {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return undefined;
  return `P${date}${time ? `T${time}` : ''}`;
}

function addAmount(total: IsoDuration, unit: Unit, amount: number): boolean {
  const whole = Math.floor(amount);
  total[unit] += whole;
  const rest = amount - whole;
  if (rest < 1e-9) return true;
  const smaller = SMALLER[unit];
  if (!smaller) return false;
  const [next, factor] = smaller;
  const down = rest * factor;
  // Only fractions that come out whole one unit down (0.5 h, 0.25 d): no silent rounding.
  if (Math.abs(down - Math.round(down)) > 1e-6) return false;
  total[next] += Math.round(down);
  return true;
}

/**
 * Reads what a designer typed. Empty text clears the duration (`iso: undefined`); an ISO text is
 * taken as it is when the engine accepts it; "0 小时" alone is refused since a duration is never
 * zero in a definition.
 */
export function parseDurationText(text: string): DurationParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, iso: undefined };
  if (/^P/i.test(trimmed)) {
    const upper = trimmed.toUpperCase();
    return parseIsoDuration(upper)
      ? { ok: true, iso: upper }
      : { ok: false, reason: 'syntax', part: trimmed };
  }
  if (BUSINESS_DAYS.test(trimmed)) return { ok: false, reason: 'business_days' };
  const total: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const part = /(\d+(?:\.\d+)?)\s*([a-z\u4e00-\u9fff]+)/giy;
  const rest = trimmed
    .replace(/,|，|、|和|\band\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let index = 0;
  let any = false;
  while (index < rest.length) {
    if (rest[index] === ' ') {
      index += 1;
      continue;
    }
    part.lastIndex = index;
    const m = part.exec(rest);
    if (!m) return { ok: false, reason: 'syntax', part: rest.slice(index) };
    const [whole, amountText, word] = m as unknown as [string, string, string];
    const unit = UNITS.get(word.toLowerCase());
    if (!unit) return { ok: false, reason: 'unknown_unit', part: word };
    if (!addAmount(total, unit, Number(amountText))) return { ok: false, reason: 'fraction', part: whole };
    any = true;
    index += whole.length;
  }
  if (!any) return { ok: false, reason: 'syntax', part: trimmed };
  if (ORDER.some((u) => total[u] > MAX_COMPONENT)) return { ok: false, reason: 'too_large' };
  const iso = isoOf(total);
  if (!iso) return { ok: false, reason: 'syntax', part: trimmed };
  return { ok: true, iso };
}

const NAMES: Record<DurationLanguage, Record<Unit, readonly [string, string]>> = {
  zh: {
    years: ['年', '年'],
    months: ['个月', '个月'],
    weeks: ['周', '周'],
    days: ['天', '天'],
    hours: ['小时', '小时'],
    minutes: ['分钟', '分钟'],
    seconds: ['秒', '秒'],
  },
  en: {
    years: ['year', 'years'],
    months: ['month', 'months'],
    weeks: ['week', 'weeks'],
    days: ['day', 'days'],
    hours: ['hour', 'hours'],
    minutes: ['minute', 'minutes'],
    seconds: ['second', 'seconds'],
  },
};

/** How a stored duration reads: `P2DT4H` → "2 天 4 小时" / "2 days 4 hours"; undefined when unreadable. */
export function formatDuration(iso: unknown, language: DurationLanguage): string | undefined {
  const d = parseIsoDuration(iso);
  if (!d) return undefined;
  return ORDER.filter((u) => d[u] > 0)
    .map((u) => `${d[u]} ${NAMES[language][u][d[u] === 1 ? 0 : 1]}`)
    .join(' ');
}
