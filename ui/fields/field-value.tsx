/**
 * A stored value shown as text, by field type. Everything is rendered through React text nodes,
 * so a value like `<img src=x onerror=…>` shows as those characters and never as markup.
 */
import { loc, useI18n, type Lang } from '../i18n.js';
import { fieldSpanText } from '../format/duration.js';
import { useRelationLabel, useUserName } from '../records.js';
import { serverTimeZone } from '../format/server-zone.js';
import type { FieldDef } from '../../runtime/web/src/types.js';
import { FileList } from './files-input.js';

export function optionLabel(field: FieldDef, value: unknown, lang: Lang): string {
  const opt = field.options?.find((o) => o.value === value);
  return opt ? loc(opt.label, lang) : String(value);
}

/** An instant in the server's time zone (where the team works and notices are dated), to the minute. */
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
 * An instant as a short phrase in the server's time zone: "12月9日 10:00" / "9 Dec 10:00", with
 * the year when it is not this year's ("2027年1月3日 09:00" / "3 Jan 2027 09:00").
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

function UserValue({ id }: { id: string }) {
  const name = useUserName(id);
  return <span title={id}>{name ?? id}</span>;
}

function RelationValue({ field, id }: { field: FieldDef; id: string }) {
  const label = useRelationLabel(field, id);
  return <span title={id}>{label ?? id}</span>;
}

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A number as people read it: grouped digits, at most two decimals. */
export function formatPlainNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(n);
}

/**
 * `display`: the name a list sent for a relation or user value (the server's `display`), shown
 * without looking the record or person up.
 */
export function FieldValue({ field, value, display }: { field: FieldDef; value: unknown; display?: string }) {
  const { lang, t } = useI18n();
  if (isEmpty(value)) return <span className="muted">{t('emptyValue')}</span>;
  if (display !== undefined && (field.type === 'relation' || field.type === 'user'))
    return <span title={String(value)}>{display}</span>;
  const span =
    field.type === 'number' || field.type === 'integer' ? fieldSpanText(field.unit, value, lang) : undefined;
  if (span !== undefined)
    return (
      <span className="duration" title={String(value)}>
        {span}
      </span>
    );
  switch (field.type) {
    case 'number':
      return <span>{typeof value === 'number' ? formatPlainNumber(value, lang) : String(value)}</span>;
    case 'select':
      return <span>{optionLabel(field, value, lang)}</span>;
    case 'multiselect':
      return (
        <span>
          {Array.isArray(value) ? value.map((v) => optionLabel(field, v, lang)).join(', ') : String(value)}
        </span>
      );
    case 'boolean':
      return <span>{value === true ? t('yes') : t('no')}</span>;
    case 'datetime':
      return <time dateTime={String(value)}>{formatDateTime(String(value), lang)}</time>;
    case 'money':
      return (
        <span>{typeof value === 'number' ? formatMoney(value, field.currency, lang) : String(value)}</span>
      );
    case 'rating': {
      const n = Number(value);
      return (
        <span className="stars" aria-label={t('ratingOf', { n })}>
          {'★'.repeat(Math.max(0, Math.min(5, n)))}
          <span className="muted">{'☆'.repeat(Math.max(0, 5 - n))}</span>
        </span>
      );
    }
    case 'relation':
      return typeof value === 'string' ? (
        <RelationValue field={field} id={value} />
      ) : (
        <span>{String(value)}</span>
      );
    case 'user':
      return <UserValue id={String(value)} />;
    case 'address': {
      const a = value as Record<string, unknown>;
      return (
        <span>
          {['province', 'city', 'district', 'street', 'postcode']
            .map((k) => a[k])
            .filter((x) => typeof x === 'string' && x !== '')
            .join(' ')}
        </span>
      );
    }
    case 'files':
      return Array.isArray(value) ? <FileList ids={value.map(String)} /> : null;
    case 'table': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const cols = field.columns ?? [];
      return (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c.key} scope="col">
                    {loc(c.label, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {cols.map((c) => (
                    <td key={c.key}>
                      <FieldValue field={c} value={row[c.key]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'textarea':
      return <span className="pre">{String(value)}</span>;
    default:
      return <span>{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
  }
}
