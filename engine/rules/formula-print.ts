/**
 * Prints JSON Logic as the formula text that `parseFormula` reads back to the same tree: the
 * fewest parentheses that keep the tree, `=` for `==`, `sum(…)` for a running total, and
 * `undefined` for a shape the text cannot say.
 */
import { args, isOp, parseFormula, SCOPED } from './formula-parse.js';

const INFIX: Record<string, { text: string; level: number; nary: boolean; left: boolean }> = {
  or: { text: 'or', level: 1, nary: true, left: true },
  and: { text: 'and', level: 2, nary: true, left: true },
  '==': { text: '=', level: 4, nary: false, left: false },
  '!=': { text: '!=', level: 4, nary: false, left: false },
  '===': { text: '===', level: 4, nary: false, left: false },
  '!==': { text: '!==', level: 4, nary: false, left: false },
  '<': { text: '<', level: 4, nary: false, left: false },
  '<=': { text: '<=', level: 4, nary: false, left: false },
  '>': { text: '>', level: 4, nary: false, left: false },
  '>=': { text: '>=', level: 4, nary: false, left: false },
  '+': { text: '+', level: 5, nary: true, left: true },
  '-': { text: '-', level: 5, nary: false, left: true },
  '*': { text: '*', level: 6, nary: true, left: true },
  '/': { text: '/', level: 6, nary: false, left: true },
  '%': { text: '%', level: 6, nary: false, left: true },
};
const NOT_LEVEL = 3;
const UNARY_LEVEL = 7;
const ATOM = 9;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z0-9_$]+)*$/;
const RESERVED = new Set(['and', 'or', 'not', 'true', 'false', 'null']);

class NotPrintable extends Error {}

/**
 * The formula text of a rule, or undefined when the rule has a shape the text cannot say (a
 * multi-key object as data, `<` with three arguments, an operation whose name is not a word…):
 * the designer then shows it as JSON.
 */
export function printFormula(logic: unknown): string | undefined {
  try {
    return print(logic).text;
  } catch (e) {
    if (e instanceof NotPrintable) return undefined;
    throw e;
  }
}

interface Printed {
  text: string;
  level: number;
}

function fieldName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED.has(name)) throw new NotPrintable();
  return name;
}

function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotPrintable();
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  throw new NotPrintable();
}

function wrap(p: Printed, min: number): string {
  return p.level < min ? `(${p.text})` : p.text;
}

function print(logic: unknown): Printed {
  if (Array.isArray(logic)) return { text: `[${logic.map((x) => print(x).text).join(', ')}]`, level: ATOM };
  if (logic === null || typeof logic !== 'object') {
    const text = literal(logic);
    return { text, level: typeof logic === 'number' && logic < 0 ? UNARY_LEVEL : ATOM };
  }
  if (!isOp(logic)) throw new NotPrintable();
  const op = Object.keys(logic)[0]!;
  const raw = args(logic);
  if (op === 'var') return printVar(raw);
  // A single argument not in a list is the same as a list of one, except for arrays themselves.
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (op === 'reduce') {
    const sum = printSum(list);
    if (sum) return sum;
  }
  const infix = INFIX[op];
  if (infix && list.length === 2 && Array.isArray(raw)) return printInfix(op, list[0], list[1]);
  if (infix?.nary && list.length > 2 && Array.isArray(raw)) {
    const parts = list.map((x, i) => {
      const p = print(x);
      // A same-op child would be merged into this list when read back: keep it apart.
      const sameOp = isOp(x, op);
      return sameOp || p.level < infix.level || (i > 0 && p.level === infix.level && !infix.left)
        ? `(${p.text})`
        : p.text;
    });
    return { text: parts.join(` ${infix.text} `), level: infix.level };
  }
  if ((op === '!' || op === '!!') && list.length === 1) {
    const inner = print(list[0]);
    // `not not x` reads back as `!!`: a negated negation keeps its parentheses.
    const text = isOp(list[0], '!') || isOp(list[0], '!!') ? `(${inner.text})` : wrap(inner, NOT_LEVEL);
    return { text: `${op === '!!' ? 'not not' : 'not'} ${text}`, level: NOT_LEVEL };
  }
  if (op === '-' && list.length === 1) {
    const inner = print(list[0]);
    // `-5` would read back as the number -5: a negated literal keeps its parentheses.
    const text = inner.level === ATOM && typeof list[0] !== 'number' ? inner.text : `(${inner.text})`;
    return { text: `-${text}`, level: UNARY_LEVEL };
  }
  // `var` and `sum` are read specially, so a call by those names would read back otherwise.
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(op) || RESERVED.has(op) || op === 'sum') throw new NotPrintable();
  return { text: `${op}(${list.map((x) => print(x).text).join(', ')})`, level: ATOM };
}

function printVar(raw: unknown): Printed {
  if (typeof raw === 'string') return { text: fieldName(raw), level: ATOM };
  if (Array.isArray(raw) && raw.length === 1) return printVar(raw[0]);
  if (Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'string') {
    const fallback: unknown = raw[1];
    if (fallback !== null && typeof fallback === 'object') throw new NotPrintable();
    return { text: `${fieldName(raw[0])} ?? ${literal(fallback)}`, level: ATOM - 1 };
  }
  throw new NotPrintable();
}

function printInfix(op: string, a: unknown, b: unknown): Printed {
  const spec = INFIX[op]!;
  const left = print(a);
  const right = print(b);
  // Comparisons do not chain; `a - (b - c)` keeps its parentheses, `(a - b) - c` needs none;
  // a same-op n-ary child is kept apart so it reads back as the same tree.
  const leftMin = spec.left && !(spec.nary && isOp(a, op)) ? spec.level : spec.level + 1;
  const leftText = wrap(left, leftMin);
  const rightText = wrap(right, spec.level + 1);
  return { text: `${leftText} ${spec.text} ${rightText}`, level: spec.level };
}

/** `reduce(list, accumulator + item, 0)` as `sum(list.column)` or `sum(list, item)`. */
function printSum(list: unknown[]): Printed | undefined {
  const [source, body, start] = list;
  if (list.length !== 3 || start !== 0 || !isOp(source, 'var') || typeof args(source) !== 'string') return;
  if (!isOp(body, '+')) return;
  const terms = args(body);
  if (
    !Array.isArray(terms) ||
    terms.length !== 2 ||
    !isOp(terms[0], 'var') ||
    args(terms[0]) !== 'accumulator'
  )
    return;
  const item = fromCurrent(terms[1]);
  if (item === undefined) return;
  const listText = fieldName(args(source));
  if (isOp(item, 'var') && typeof args(item) === 'string' && NAME.test(args(item) as string))
    return { text: `sum(${listText}.${args(item) as string})`, level: ATOM };
  // Read back through sum's own rewriting: only print when it gives the same tree.
  const text = `sum(${listText}, ${print(item).text})`;
  const back = parseFormula(text);
  if (!back.ok || JSON.stringify(back.logic) !== JSON.stringify({ reduce: list })) return;
  return { text, level: ATOM };
}

/** The item expression with `current.` taken off its reads; undefined when it reads anything else. */
function fromCurrent(logic: unknown): unknown {
  let bad = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    if (!isOp(node)) {
      bad = true;
      return node;
    }
    const op = Object.keys(node)[0]!;
    const a = args(node);
    if (op === 'var') {
      const name: unknown = Array.isArray(a) ? a[0] : a;
      if (typeof name !== 'string' || !name.startsWith('current.')) {
        bad = true;
        return node;
      }
      const inner = name.slice('current.'.length);
      return Array.isArray(a) ? { var: [inner, ...(a as unknown[]).slice(1)] } : { var: inner };
    }
    if (SCOPED.has(op)) {
      bad = true;
      return node;
    }
    return { [op]: walk(a) };
  };
  const out = walk(logic);
  return bad ? undefined : out;
}
