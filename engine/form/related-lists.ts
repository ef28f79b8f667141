/**
 * The query behind a related list (关联查询): the JSON Logic filter selecting the related form's
 * records whose `match` fields equal the values the rules compute from the viewed record. The
 * filter only ever compares a declared field with `==` to a value: no operator or field name
 * comes from the record. A value that comes out empty (or not a plain value) matches nothing.
 */
import type { JsonLogic, RelatedListDef } from '../definition/types.js';
import { evaluateRule, type RuleScope } from '../rules/index.js';

export type MatchValue = string | number | boolean;

/** The filter for `list` over `scope.data`, or undefined when some condition can match nothing. */
export function relatedListFilter(list: RelatedListDef, scope: RuleScope): { filter: JsonLogic } | undefined {
  const conditions: JsonLogic[] = [];
  for (const condition of list.match) {
    let value: unknown;
    try {
      value = evaluateRule(condition.value, scope);
    } catch {
      // Rules were checked when the bundle was saved; one failing on this data matches nothing.
      return undefined;
    }
    if (!isMatchValue(value)) return undefined;
    conditions.push({ '==': [{ var: condition.field }, value] });
  }
  return { filter: conditions.length === 1 ? conditions[0] : { and: conditions } };
}

function isMatchValue(value: unknown): value is MatchValue {
  if (typeof value === 'string') return value.trim() !== '';
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
