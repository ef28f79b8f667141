/**
 * The periods a dashboard may open on (`filters.date.default`), as local dates. Pure: the caller
 * gives today's date in the server's time zone, so the web app, the designer's preview and tests
 * agree on what "this month" is. Ranges end today (or on the last day of last month) and are
 * inclusive; `all` is no range at all.
 */

export const DATE_PRESETS = [
  'today',
  '7d',
  '30d',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'all',
] as const;

export type DatePreset = (typeof DATE_PRESETS)[number];

/** Names of the presets for the designer and the web app's filter bar. */
export const DATE_PRESET_LABELS: Record<DatePreset, { en: string; zh: string }> = {
  today: { en: 'Today', zh: '今天' },
  '7d': { en: 'Last 7 days', zh: '近 7 天' },
  '30d': { en: 'Last 30 days', zh: '近 30 天' },
  this_month: { en: 'This month', zh: '本月' },
  last_month: { en: 'Last month', zh: '上月' },
  this_quarter: { en: 'This quarter', zh: '本季度' },
  this_year: { en: 'This year', zh: '本年' },
  all: { en: 'All time', zh: '全部时间' },
};

export function isDatePreset(value: unknown): value is DatePreset {
  return typeof value === 'string' && (DATE_PRESETS as readonly string[]).includes(value);
}

/** `YYYY-MM-DD` of the UTC date `y-m-d` (months and days may overflow either way). */
function day(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** The local dates (inclusive) `preset` covers when today is `today` (YYYY-MM-DD); undefined for `all`. */
export function presetRange(preset: DatePreset, today: string): { from: string; to: string } | undefined {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: day(y, m, d - 6), to: today };
    case '30d':
      return { from: day(y, m, d - 29), to: today };
    case 'this_month':
      return { from: day(y, m, 1), to: today };
    case 'last_month':
      return { from: day(y, m - 1, 1), to: day(y, m, 0) };
    case 'this_quarter':
      return { from: day(y, m - ((m - 1) % 3), 1), to: today };
    case 'this_year':
      return { from: day(y, 1, 1), to: today };
    default:
      return undefined;
  }
}
