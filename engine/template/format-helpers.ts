/**
 * Our own formatting helpers for templates. They are pure and deterministic (UTC, fixed
 * separators) so a notification reads the same on the server and in the designer's preview.
 * Their output is escaped like any other value.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Handlebars passes its options object last; drop it to get the template's arguments. */
function templateArguments(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

/**
 * `{{date due}}` → `2024-05-01`; `{{date paid_at "datetime"}}` → `2024-05-01 14:30` (UTC).
 * Anything that is not a date renders as an empty text.
 */
export function formatDate(value: unknown, style: unknown = 'date'): string {
  if (typeof value !== 'string' || value.length > 40) return '';
  if (DATE_ONLY.test(value)) return value;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString();
  return style === 'datetime' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

/** `{{money quote "CNY"}}` → `CNY 1,234.50`; without a currency just `1,234.50`. */
export function formatMoney(value: unknown, currency: unknown = ''): string {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) return '';
  const [whole = '0', cents = '00'] = Math.abs(n).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${n < 0 ? '-' : ''}${grouped}.${cents}`;
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? `${currency} ${amount}` : amount;
}

/** The helpers as Handlebars calls them (arguments, then its options object). */
export const FORMAT_HELPERS: Readonly<Record<string, (...args: unknown[]) => string>> = {
  date: (...args) => {
    const [value, style] = templateArguments(args);
    return formatDate(value, typeof style === 'string' ? style : 'date');
  },
  money: (...args) => {
    const [value, currency] = templateArguments(args);
    return formatMoney(value, currency ?? '');
  },
};
