/** Measures as people read them, and the record lists a widget's figures link to. */
import type { FieldDef, JsonLogic, WidgetDef } from '../../engine/definition/types.js';
import { query } from '../api.js';
import { fieldSpanText } from '../format/duration.js';
import { formatMoney, formatNumber, SCIENTIFIC_FROM } from '../format/numbers.js';
import type { Lang, Translate } from '../i18n.js';
import type { MeasureFormat } from './widget-part.js';

/** The measures' formats of `def` over the fields of its form. */
export function measureFormat(def: WidgetDef, fields: readonly FieldDef[], lang: Lang): MeasureFormat {
  const of = def.measures.map((m) =>
    m.op !== 'count' && m.field ? fields.find((f) => f.key === m.field) : undefined,
  );
  return (m, v) => {
    const field = of[m];
    if (v === null || v === undefined || !Number.isFinite(v) || !field) return formatNumber(v, lang);
    if (field.type === 'money' && Math.abs(v) < SCIENTIFIC_FROM) return formatMoney(v, field.currency, lang);
    return fieldSpanText(field.unit, v, lang) ?? formatNumber(v, lang);
  };
}

/** The measure a series or column key stands for (`m2`, `m2:open` → 2). */
export function measureOf(key: string): number {
  return Number(/^m(\d+)/.exec(key)?.[1] ?? 0);
}

/** The record list of `form` matching `filter` (JSON Logic), titled for the page. */
export function recordsUrl(app: string, form: string, filter: JsonLogic, title: string): string {
  return `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records${query({
    filter: filter === undefined ? undefined : JSON.stringify(filter),
    title,
  })}`;
}

/** Both filters (either may be absent). */
export function bothFilters(a: JsonLogic, b: JsonLogic): JsonLogic {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { and: [a, b] };
}

/** A table or pivot cell: "—" for nothing, text as it is, numbers formatted. */
export function cellText(
  v: string | number | null | undefined,
  lang: Lang,
  t: Translate,
  format?: (v: number) => string,
): string {
  if (v === null || v === undefined || v === '') return t('emptyValue');
  if (typeof v !== 'number') return v;
  return format ? format(v) : formatNumber(v, lang);
}
