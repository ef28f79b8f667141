/**
 * Every variable name a rule reads, with the scope it is read in, and a copy of the rule with
 * names rewritten: the designer's where-used finds a field in rules through it, and a key change
 * rewrites the rules that read the field. Same scoping as `ruleRoots`: the second argument of
 * `map`, `filter`, `all`, `none`, `some` runs per item (`{"var": "qty"}`), of `reduce` per
 * `current`/`accumulator` (`{"var": "current.qty"}`).
 */
import { SCOPED_OPERATIONS } from './operations.js';

export interface VarScope {
  /**
   * Absent: the rule's own scope (the record, or in a table column the row over the record).
   * Otherwise the item of an array a scoped operation iterates, and the `var` name of that array
   * (`parts`; empty when the array is not one plain variable).
   */
  items?: { of: string; reduce: boolean };
}

/** Returns the name to read instead (the same name to keep it). */
export type VarRename = (name: string, scope: VarScope) => string;

const RECORD: VarScope = {};

function arrayName(logic: unknown): string {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return '';
  const args = (logic as Record<string, unknown>)['var'];
  const name: unknown = Array.isArray(args) ? args[0] : args;
  return typeof name === 'string' ? name : '';
}

function renameNames(names: unknown, scope: VarScope, rename: VarRename): unknown {
  if (typeof names === 'string') return rename(names, scope);
  if (Array.isArray(names)) return names.map((n) => renameNames(n, scope, rename));
  return mapRuleVars(names, rename, scope);
}

/** A copy of `logic` with every variable name passed through `rename`; never changes the input. */
export function mapRuleVars(logic: unknown, rename: VarRename, scope: VarScope = RECORD): unknown {
  if (Array.isArray(logic)) return logic.map((item) => mapRuleVars(item, rename, scope));
  if (typeof logic !== 'object' || logic === null) return logic;
  const keys = Object.keys(logic);
  const [op] = keys;
  // Only a one-key object is an operation; anything else is data and is left alone.
  if (op === undefined || keys.length !== 1) return logic;
  const args = (logic as Record<string, unknown>)[op];
  let out: unknown;
  if (op === 'var') {
    if (typeof args === 'string') out = rename(args, scope);
    else if (Array.isArray(args))
      out = [
        typeof args[0] === 'string' ? rename(args[0], scope) : args[0],
        ...args.slice(1).map((a) => mapRuleVars(a, rename, scope)),
      ];
    else out = args;
  } else if (op === 'missing') {
    out = renameNames(args, scope, rename);
  } else if (op === 'missing_some' && Array.isArray(args)) {
    out = [mapRuleVars(args[0], rename, scope), renameNames(args[1], scope, rename)];
  } else if (SCOPED_OPERATIONS.has(op) && Array.isArray(args)) {
    const items: VarScope = { items: { of: scope.items ? '' : arrayName(args[0]), reduce: op === 'reduce' } };
    out = args.map((a, i) => mapRuleVars(a, rename, i === 1 ? items : scope));
  } else {
    out = mapRuleVars(args, rename, scope);
  }
  return { [op]: out };
}

/** Calls `visit` with every variable name the rule reads and its scope. */
export function forEachRuleVar(logic: unknown, visit: (name: string, scope: VarScope) => void): void {
  mapRuleVars(logic, (name, scope) => {
    visit(name, scope);
    return name;
  });
}
