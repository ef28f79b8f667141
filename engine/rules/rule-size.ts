/**
 * The size limits every rule is held to, wherever it comes from: a definition's `visibleIf`,
 * `formula`, `when` or widget `filter`, and a record list's or export's `?filter=`. Rules run in
 * recursive code (the checker, the compiler, `compileFilter`) and filters become SQL, whose
 * expression depth SQLite caps at 1,000: a rule nested 1,100 deep must be refused before any of
 * them sees it. The walk is iterative so the check itself cannot overflow the stack.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import { MAX_RULE_DEPTH, MAX_RULE_NODES } from './operations.js';

interface Entry {
  value: unknown;
  depth: number;
  path: string;
}

/**
 * The first limit a rule exceeds, as a problem, or undefined when it is within both: at most
 * `MAX_RULE_DEPTH` nested objects and arrays (an operation's arguments are one level below it,
 * the items of an argument list two), and at most `MAX_RULE_NODES` values in all. `path` is the
 * rule's JSON pointer; a too-deep rule is reported where it first goes too deep.
 *
 * @example checkRuleSize(JSON.parse(query.filter), '/filter') // → { path: '/filter/!/!/…', code: 'rule.too_deep', … }
 */
export function checkRuleSize(logic: unknown, path = ''): Problem | undefined {
  const stack: Entry[] = [{ value: logic, depth: 0, path }];
  const tooLarge: Problem = {
    path,
    code: 'rule.too_large',
    message: `A rule may have at most ${MAX_RULE_NODES} parts.`,
  };
  let nodes = 0;
  while (stack.length > 0) {
    const entry = stack.pop()!;
    nodes += 1;
    if (entry.depth > MAX_RULE_DEPTH) {
      return {
        path: entry.path,
        code: 'rule.too_deep',
        message: `A rule may nest at most ${MAX_RULE_DEPTH} levels.`,
      };
    }
    const { value } = entry;
    if (typeof value !== 'object' || value === null) continue;
    const depth = entry.depth + 1;
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    // Refused before its parts are stacked: a list of a million entries costs nothing to reject.
    if (nodes + stack.length + (keys ?? (value as unknown[])).length > MAX_RULE_NODES) return tooLarge;
    // Pushed last to first, so the walk (and the first problem found) follows the rule's order.
    if (!keys) {
      const items = value as unknown[];
      for (let i = items.length - 1; i >= 0; i--)
        stack.push({ value: items[i], depth, path: `${entry.path}/${i}` });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth,
        path: `${entry.path}/${pointerSegment(key)}`,
      });
    }
  }
  return undefined;
}
