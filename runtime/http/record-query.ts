/**
 * The record list's `filter` and `sort` query parameters, parsed the same way wherever records are
 * listed (the record list, exports, dashboard tables).
 */
import { FlowcaseError } from '../../engine/index.js';
import { checkRuleSize } from '../../engine/rules/index.js';

/** `?sort=-createdAt,priority` → sort keys; a leading `-` means descending. */
export function parseSort(sort: string | undefined): { field: string; dir: 'asc' | 'desc' }[] | undefined {
  if (!sort) return undefined;
  return sort.split(',').map((part, i) => {
    const desc = part.startsWith('-');
    const field = desc ? part.slice(1) : part;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(field))
      throw new FlowcaseError('FC_BAD_REQUEST', `Cannot sort by "${part}".`, { path: `/sort/${i}` });
    return { field, dir: desc ? 'desc' : 'asc' };
  });
}

/**
 * `?filter=<JSON Logic>` → the parsed rule, or undefined when absent. A filter is held to the
 * limits of a definition's rules (depth, parts) here, before it is compiled: nested 1,100 deep it
 * would pass JSON.parse and then exceed SQLite's expression depth (a 500 instead of a 400).
 */
export function parseFilter(filter: string | undefined): unknown {
  if (filter === undefined || filter === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(filter) as unknown;
  } catch {
    throw new FlowcaseError('FC_BAD_REQUEST', 'The filter must be JSON Logic (JSON).', { path: '/filter' });
  }
  const size = checkRuleSize(parsed, '/filter');
  if (size)
    throw new FlowcaseError('FC_BAD_REQUEST', `The filter is too complex: ${size.message}`, {
      path: '/filter',
      problems: [size],
    });
  return parsed;
}
