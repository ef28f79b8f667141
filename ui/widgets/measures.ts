/** Measures as people read them, and the record lists a widget's figures link to. */
import type { FieldDef, JsonLogic, NumberFormat, WidgetDef } from '../../engine/definition/types.js';
import { query } from '../api.js';
import { fieldSpanText } from '../format/duration.js';
import { formatMoney, formatNumber, SCIENTIFIC_FROM } from '../format/numbers.js';
import { loc, type Lang, type Translate } from '../i18n.js';
import type { MeasureFormat } from './widget-part.js';

/**
 * A figure in a designed format: `decimals` places (else up to 2), thousands separators unless
 * turned off, then the unit: straight after the number when it is a sign or Chinese ("12%",
 * "1,200元"), after a space when it is a word ("1,200 pcs"). Huge values stay scientific.
 */
export function designedNumber(v: number, format: NumberFormat, lang: Lang): string {
  const unit = loc(format.unit, lang);
  const text =
    Math.abs(v) >= SCIENTIFIC_FROM
      ? formatNumber(v, lang)
      : new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
          minimumFractionDigits: format.decimals ?? 0,
          maximumFractionDigits: format.decimals ?? 2,
          useGrouping: format.thousands !== false,
        }).format(v);
  if (!unit) return text;
  return /^[A-Za-z]/.test(unit) ? `${text} ${unit}` : `${text}${unit}`;
}

/** The measures' formats of `def` over the fields of its form: the designed one, else the field's. */
export function measureFormat(def: WidgetDef, fields: readonly FieldDef[], lang: Lang): MeasureFormat {
  const of = def.measures.map((m) =>
    // Counts (distinct ones too) are plain numbers, whatever the counted field's money or unit.
    m.op !== 'count' && m.op !== 'distinct' && m.field ? fields.find((f) => f.key === m.field) : undefined,
  );
  return (m, v) => {
    const designed = def.measures[m]?.format;
    if (designed && v !== null && v !== undefined && Number.isFinite(v))
      return designedNumber(v, designed, lang);
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
