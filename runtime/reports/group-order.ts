/**
 * A widget's `sort` and `limit` over the groups of its first dimension: which order they are shown
 * in and which of them (top N). What the database can sort (one dimension by a figure) it sorts and
 * cuts itself; names (option labels, users) and two-dimension totals are ordered here, over at most
 * the groups one aggregate returns.
 */
import type { WidgetDef } from '../../engine/index.js';
import type { ValueOrder } from '../store/store.js';
import type { Lang } from './labels.js';

export interface GroupOrder {
  by: 'label' | 'value' | 'database';
  dir: 'asc' | 'desc';
  limit: number | undefined;
}

/** A limit without a sort is a top N: the largest first figures. */
export function groupOrder(widget: Pick<WidgetDef, 'sort' | 'limit'>): GroupOrder {
  const by = widget.sort?.by ?? (widget.limit !== undefined ? 'value' : 'database');
  const dir = widget.sort?.dir ?? (by === 'value' ? 'desc' : 'asc');
  return { by, dir, limit: widget.limit };
}

/** The database's ordering of one dimension's groups by the first figure, when it is asked for one. */
export function sqlValueOrder(order: GroupOrder, dimensions: number): ValueOrder | undefined {
  return order.by === 'value' && dimensions === 1 ? { measure: 0, dir: order.dir } : undefined;
}

/**
 * The positions of the groups in the order shown: by label (date keys compare as text, which is
 * time order; names in the language's collation, numbers as numbers) or by `value(i)`; the empty
 * group (a null label) and empty values come last either way. `database` keeps them as they are.
 */
export function orderedPositions(
  order: GroupOrder,
  count: number,
  label: (i: number) => string | null,
  dateKeys: boolean,
  value: (i: number) => number | null,
  lang: Lang,
): number[] {
  const at = [...Array(count).keys()];
  if (order.by === 'database') return at;
  const sign = order.dir === 'desc' ? -1 : 1;
  const lastly = <T>(x: T | null, y: T | null, compare: (x: T, y: T) => number): number =>
    x === null || y === null ? (x === null ? (y === null ? 0 : 1) : -1) : sign * compare(x, y);
  if (order.by === 'label') {
    const collator = new Intl.Collator(lang === 'en' ? 'en' : 'zh-CN', { numeric: true });
    const compare = dateKeys
      ? (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
      : (x: string, y: string) => collator.compare(x, y);
    return at.sort((a, b) => lastly(label(a), label(b), compare) || a - b);
  }
  return at.sort((a, b) => lastly(value(a), value(b), (x, y) => x - y) || a - b);
}

/** "Other": the groups a pie's top N leaves out. */
export function otherLabel(lang: Lang): string {
  return lang === 'en' ? 'Other' : '其他';
}
