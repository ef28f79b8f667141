/**
 * The period a dashboard or analytics page covers: from/to local dates (inclusive) kept in the URL,
 * with quick picks. Without `from`/`to` in the URL a page shows the last 12 months (a dashboard
 * with designed filters: its default range); `range=all` means all time.
 */
import { useI18n } from '../i18n.js';
import { rememberServerZone, serverTimeZone } from '../../../../ui/format/server-zone.js';
import { presetRange, type DatePreset } from '../../../../engine/dashboard/date-presets.js';

export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * Loads a report over the range the URL names. Where it names no dates, the page picks them (the
 * last 12 months) in the server's zone, which it learns with the app (`GET /apps/:app`) or else from
 * the first answer: an answer for dates picked in another zone is asked again before it is shown,
 * so no page shows a period a day off.
 */
export async function loadInServerZone<T extends { timeZone?: string }>(
  params: URLSearchParams,
  load: (range: DateRange) => Promise<T>,
  preset?: DatePreset,
): Promise<T> {
  const range = rangeFromParams(params, preset);
  const answer = await load(range);
  if (!rememberServerZone(answer.timeZone)) return answer;
  const again = rangeFromParams(params, preset);
  return again.from === range.from && again.to === range.to ? answer : load(again);
}

/** `YYYY-MM-DD` of the day `days` after today's (y, m, d) in the server's zone, months moved by `months`. */
function shifted(now: Date, months: number, day: number | 'today', days = 0): string {
  let parts: Record<string, string>;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: serverTimeZone(),
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      })
        .formatToParts(now)
        .map((p) => [p.type, p.value]),
    );
  } catch {
    parts = {
      year: String(now.getFullYear()),
      month: String(now.getMonth() + 1),
      day: String(now.getDate()),
    };
  }
  const d = day === 'today' ? Number(parts.day) : day;
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1 + months, d + days))
    .toISOString()
    .slice(0, 10);
}

/** Today in the server's time zone. */
export function today(now = new Date()): string {
  return shifted(now, 0, 'today');
}

export type QuickPick = 'last30' | 'thisMonth' | 'last12' | 'all';

export function quickRange(pick: QuickPick, now = new Date()): DateRange {
  switch (pick) {
    case 'last30':
      return { from: shifted(now, 0, 'today', -29), to: today(now) };
    case 'thisMonth':
      return { from: shifted(now, 0, 1), to: today(now) };
    case 'last12':
      return { from: shifted(now, -11, 1), to: today(now) };
    default:
      return {};
  }
}

/** The range the URL names (when it names none, the designed `preset`, else the last 12 months). */
export function rangeFromParams(params: URLSearchParams, preset?: DatePreset): DateRange {
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  if (from && to) return { from, to };
  if (params.get('range') === 'all') return {};
  if (preset) return presetRange(preset, today()) ?? {};
  return quickRange('last12');
}

/** URL parameters for a range (`range=all` for all time). */
export function rangeParams(range: DateRange): Record<string, string | undefined> {
  return range.from && range.to
    ? { from: range.from, to: range.to, range: undefined }
    : { from: undefined, to: undefined, range: 'all' };
}

function pickOf(range: DateRange): QuickPick | undefined {
  for (const p of ['last30', 'thisMonth', 'last12', 'all'] as const) {
    const q = quickRange(p);
    if (q.from === range.from && q.to === range.to) return p;
  }
  return undefined;
}

/**
 * `designed`: a dashboard's default range, offered as one more quick pick when none of the usual
 * ones covers it (last 7 days, this quarter, …), so the reader can come back to it.
 */
export function RangePicker({
  value,
  onChange,
  designed,
}: {
  value: DateRange;
  onChange: (r: DateRange) => void;
  designed?: { label: string; range: DateRange };
}) {
  const { t } = useI18n();
  const picked = pickOf(value);
  const same = (a: DateRange, b: DateRange) => a.from === b.from && a.to === b.to;
  const extra =
    designed &&
    !(['last30', 'thisMonth', 'last12', 'all'] as const).some((p) => same(quickRange(p), designed.range))
      ? designed
      : undefined;
  const picks: [QuickPick, string][] = [
    ['last30', t('last30Days')],
    ['thisMonth', t('thisMonth')],
    ['last12', t('last12Months')],
    ['all', t('allTime')],
  ];
  const set = (part: 'from' | 'to', v: string) => {
    const next = { ...value, [part]: v || undefined };
    // Both ends or neither: one end alone takes the other from today or the same day.
    if (next.from && !next.to) next.to = today();
    if (next.to && !next.from) next.from = next.to;
    if (next.from && next.to && next.from > next.to) {
      if (part === 'from') next.to = next.from;
      else next.from = next.to;
    }
    onChange(next);
  };
  return (
    <fieldset className="range-picker">
      <legend className="visually-hidden">{t('period')}</legend>
      <div className="quick-picks" role="group" aria-label={t('period')}>
        {extra && (
          <button
            type="button"
            className={same(value, extra.range) ? 'tab active' : 'tab'}
            aria-pressed={same(value, extra.range)}
            data-testid="pick-designed"
            onClick={() => onChange(extra.range)}
          >
            {extra.label}
          </button>
        )}
        {picks.map(([p, label]) => (
          <button
            key={p}
            type="button"
            className={picked === p ? 'tab active' : 'tab'}
            aria-pressed={picked === p}
            data-testid={`pick-${p}`}
            onClick={() => onChange(quickRange(p))}
          >
            {label}
          </button>
        ))}
      </div>
      <label>
        <span>{t('from')}</span>
        <input
          type="date"
          value={value.from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          data-testid="range-from"
        />
      </label>
      <label>
        <span>{t('to')}</span>
        <input
          type="date"
          value={value.to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          data-testid="range-to"
        />
      </label>
    </fieldset>
  );
}
