/**
 * The period a dashboard or analytics page covers: from/to local dates (inclusive) kept in the URL,
 * with quick picks. Without `from`/`to` in the URL a page shows the last 12 months; `range=all`
 * means all time.
 */
import { useI18n } from '../i18n.js';

export interface DateRange {
  from?: string;
  to?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a local date. */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type QuickPick = 'last30' | 'thisMonth' | 'last12' | 'all';

export function quickRange(pick: QuickPick, now = new Date()): DateRange {
  const today = dayOf(now);
  switch (pick) {
    case 'last30':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)), to: today };
    case 'thisMonth':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth(), 1)), to: today };
    case 'last12':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: today };
    default:
      return {};
  }
}

/** The range the URL names (the last 12 months when it names none). */
export function rangeFromParams(params: URLSearchParams): DateRange {
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  if (from && to) return { from, to };
  if (params.get('range') === 'all') return {};
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

export function RangePicker({ value, onChange }: { value: DateRange; onChange: (r: DateRange) => void }) {
  const { t } = useI18n();
  const picked = pickOf(value);
  const picks: [QuickPick, string][] = [
    ['last30', t('last30Days')],
    ['thisMonth', t('thisMonth')],
    ['last12', t('last12Months')],
    ['all', t('allTime')],
  ];
  const set = (part: 'from' | 'to', v: string) => {
    const next = { ...value, [part]: v || undefined };
    // Both ends or neither: one end alone takes the other from today or the same day.
    if (next.from && !next.to) next.to = dayOf(new Date());
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
