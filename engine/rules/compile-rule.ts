/**
 * Turns a checked rule into a tree of closures once, so evaluating it is a few direct calls
 * instead of json-logic-js re-reading the rule on every evaluation (`Object.keys` twice per node,
 * an argument array per call, a lookup in its operation table). Profiles of the flagship flow put
 * the interpreter at a fifth of a step; form passes evaluate dozens of rules per task.
 *
 * Semantics are json-logic-js 2.0.5's, operation by operation (loose `==`, `parseFloat` in `+`
 * and `*`, `*` of one argument returning it untouched, `and`/`or` returning the deciding value,
 * scoped operations reading each item as their data). `tests/unit/rules-compiled.test.ts` checks
 * the two agree over a generated corpus. Only allow-listed operations compile: anything else
 * throws, like the interpreter's "Unrecognized operation".
 */
import jsonLogic from 'json-logic-js';
import { dateAdd, dateDiff } from './date-operations.js';

/** A compiled rule: evaluates over `data` (the root scope, or an item inside a scoped operation). */
export type CompiledRule = (data: unknown) => unknown;

/** Reads field paths over a scope; supplied by `rules.ts`, which owns the scope's layout. */
export interface VarReader {
  read(scope: unknown, name: unknown, fallback: unknown): unknown;
  /** The same read for a path known in advance (split once). */
  path(name: unknown): (scope: unknown, fallback: unknown) => unknown;
}

type Operation = (this: unknown, ...args: unknown[]) => unknown;

const truthy = (value: unknown): boolean => !(Array.isArray(value) && value.length === 0) && !!value;

function isLogic(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

// JSON Logic's `==` and `!=` are JavaScript's loose comparisons, on purpose.
function operations(readVar: VarReader): Record<string, Operation> {
  return {
    '==': (a, b) => a == b,
    '===': (a, b) => a === b,
    '!=': (a, b) => a != b,
    '!==': (a, b) => a !== b,
    '>': (a, b) => (a as number) > (b as number),
    '>=': (a, b) => (a as number) >= (b as number),
    '<': (a, b, c) =>
      c === undefined
        ? (a as number) < (b as number)
        : (a as number) < (b as number) && (b as number) < (c as number),
    '<=': (a, b, c) =>
      c === undefined
        ? (a as number) <= (b as number)
        : (a as number) <= (b as number) && (b as number) <= (c as number),
    '!!': (a) => truthy(a),
    '!': (a) => !truthy(a),
    '%': (a, b) => (a as number) % (b as number),
    in: (a, b) => {
      if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
      return (b as unknown[]).indexOf(a) !== -1;
    },
    cat: (...args) => args.join(''),
    substr: (source, start, end) => {
      if ((end as number) < 0) {
        const temp = String(source).substr(start as number);
        return temp.substr(0, temp.length + (end as number));
      }
      return String(source).substr(start as number, end as number);
    },
    '+': (...args) =>
      args.reduce<number>((a, b) => parseFloat(a as unknown as string) + parseFloat(b as string), 0),
    // No initial value, as in json-logic-js: one argument comes back as it is, none throws.
    '*': (...args) => args.reduce((a, b) => parseFloat(a as string) * parseFloat(b as string)),
    '-': (a, b) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
    '/': (a, b) => (a as number) / (b as number),
    min: (...args) => Math.min(...(args as number[])),
    max: (...args) => Math.max(...(args as number[])),
    merge: (...args) => args.reduce<unknown[]>((a, b) => a.concat(b), []),
    var(this: unknown, name, fallback) {
      return readVar.read(this, name, fallback);
    },
    // `missing` and `missing_some` re-read their (evaluated) arguments as rules in the
    // interpreter: they delegate to it to keep that quirk. Both are rare and cheap.
    missing(this: unknown, ...args) {
      const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      const missing: unknown[] = [];
      for (const key of keys) {
        const value: unknown = jsonLogic.apply({ var: key } as jsonLogic.RulesLogic, this);
        if (value === null || value === '') missing.push(key);
      }
      return missing;
    },
    missing_some(this: unknown, need, options) {
      const areMissing = jsonLogic.apply({ missing: options } as jsonLogic.RulesLogic, this) as unknown[];
      return (options as unknown[]).length - areMissing.length >= (need as number) ? [] : areMissing;
    },
    today(this: unknown) {
      return (this as Record<string, unknown>).$today ?? null;
    },
    now(this: unknown) {
      return (this as Record<string, unknown>).$now ?? null;
    },
    date_add: (date, amount, unit) => dateAdd(date, amount, unit),
    date_diff: (from, to, unit) => dateDiff(from, to, unit),
  };
}

/** Compiles rules with one operation table (and so one `var` reader). */
export function ruleCompiler(
  readVar: VarReader,
  allowed: ReadonlySet<string>,
): (logic: unknown) => CompiledRule {
  const table = operations(readVar);

  const compile = (logic: unknown): CompiledRule => {
    if (Array.isArray(logic)) {
      const items = logic.map(compile);
      return (data) => items.map((item) => item(data));
    }
    if (!isLogic(logic)) return () => logic;
    const op = Object.keys(logic)[0]!;
    const raw = logic[op];
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    if (!allowed.has(op)) throw new Error(`Unrecognized operation ${op}`);
    switch (op) {
      case 'var':
        if (isConstant(values[0]) && isConstant(values[1])) {
          const read = readVar.path(values[0]);
          const fallback = values[1];
          return (data) => read(data, fallback);
        }
        break;
      case 'if':
      case '?:':
        return compileIf(values.map(compile));
      case 'and':
      case 'or':
        return compileAndOr(values.map(compile), op === 'or');
      case 'filter':
      case 'map':
      case 'reduce':
      case 'all':
      case 'none':
      case 'some':
        return compileScoped(
          op,
          compile(values[0]),
          compile(values[1]),
          values[2] === undefined ? undefined : compile(values[2]),
        );
    }
    return compileCall(table[op]!, values.map(compile));
  };
  return compile;
}

/** A value that evaluates to itself (no operation, and not an array that would be copied). */
function isConstant(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function compileCall(fn: Operation, args: CompiledRule[]): CompiledRule {
  switch (args.length) {
    case 0:
      return (data) => fn.call(data);
    case 1: {
      const [a] = args as [CompiledRule];
      return (data) => fn.call(data, a(data));
    }
    case 2: {
      const [a, b] = args as [CompiledRule, CompiledRule];
      return (data) => fn.call(data, a(data), b(data));
    }
    default:
      return (data) =>
        fn.apply(
          data,
          args.map((arg) => arg(data)),
        );
  }
}

function compileIf(parts: CompiledRule[]): CompiledRule {
  return (data) => {
    let i = 0;
    for (; i < parts.length - 1; i += 2) {
      if (truthy(parts[i]!(data))) return parts[i + 1]!(data);
    }
    return parts.length === i + 1 ? parts[i]!(data) : null;
  };
}

function compileAndOr(parts: CompiledRule[], isOr: boolean): CompiledRule {
  return (data) => {
    let current: unknown;
    for (const part of parts) {
      current = part(data);
      if (truthy(current) === isOr) return current;
    }
    return current;
  };
}

function compileScoped(
  op: string,
  source: CompiledRule,
  body: CompiledRule,
  initial: CompiledRule | undefined,
): CompiledRule {
  switch (op) {
    case 'filter':
      return (data) => {
        const items = source(data);
        return Array.isArray(items) ? (items as unknown[]).filter((item) => truthy(body(item))) : [];
      };
    case 'map':
      return (data) => {
        const items = source(data);
        return Array.isArray(items) ? items.map((item) => body(item)) : [];
      };
    case 'reduce':
      return (data) => {
        const items = source(data);
        const start = initial ? initial(data) : null;
        if (!Array.isArray(items)) return start;
        return (items as unknown[]).reduce(
          (accumulator: unknown, current: unknown) => body({ current, accumulator }),
          start,
        );
      };
    case 'all':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return false;
        return items.every((item) => truthy(body(item)));
      };
    case 'none':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return true;
        return !items.some((item) => truthy(body(item)));
      };
    default:
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return false;
        return items.some((item) => truthy(body(item)));
      };
  }
}
