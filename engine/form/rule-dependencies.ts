/**
 * Which fields a rule reads, and the order to evaluate fields in so that a formula or `visibleIf`
 * always sees final values of the fields it reads (formulas may read other formulas).
 */
import { SCOPED_OPERATIONS } from '../rules/operations.js';

function rootOf(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  return name.split('.')[0];
}

/** The first path segments of every `var` (and `missing`) a rule reads in the record's scope. */
export function ruleRoots(logic: unknown, roots: Set<string> = new Set()): Set<string> {
  if (Array.isArray(logic)) {
    for (const item of logic) ruleRoots(item, roots);
    return roots;
  }
  if (typeof logic !== 'object' || logic === null) return roots;
  const [op] = Object.keys(logic);
  if (op === undefined) return roots;
  const args = (logic as Record<string, unknown>)[op];
  if (op === 'var') {
    const root = rootOf(Array.isArray(args) ? args[0] : args);
    if (root !== undefined) roots.add(root);
    if (Array.isArray(args)) ruleRoots(args[1], roots);
  } else if (op === 'missing' || op === 'missing_some') {
    const names = (Array.isArray(args) ? args : [args]).flat();
    for (const name of names) {
      const root = rootOf(name);
      if (root !== undefined) roots.add(root);
      else ruleRoots(name, roots);
    }
  } else if (SCOPED_OPERATIONS.has(op) && Array.isArray(args)) {
    // The second argument runs per item ({"var": "current.qty"}), not in the record's scope.
    ruleRoots(args[0], roots);
    for (const rest of args.slice(2)) ruleRoots(rest, roots);
  } else {
    ruleRoots(args, roots);
  }
  return roots;
}

/**
 * Orders keys so each comes after the keys it depends on (Kahn's algorithm, ties broken by
 * declaration order). Keys caught in a cycle keep their declaration order at the end: such a
 * definition gets one deterministic pass rather than an error at submit time.
 */
export function dependencyOrder(
  keys: readonly string[],
  dependsOn: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const known = new Set(keys);
  const pending = new Map<string, number>();
  for (const key of keys) {
    let count = 0;
    for (const dep of dependsOn.get(key) ?? []) if (dep !== key && known.has(dep)) count += 1;
    pending.set(key, count);
  }
  const order: string[] = [];
  const done = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const key of keys) {
      if (done.has(key) || pending.get(key) !== 0) continue;
      order.push(key);
      done.add(key);
      progressed = true;
      for (const other of keys) {
        if (!done.has(other) && other !== key && dependsOn.get(other)?.has(key))
          pending.set(other, (pending.get(other) ?? 1) - 1);
      }
      break;
    }
  }
  for (const key of keys) if (!done.has(key)) order.push(key);
  return order;
}
