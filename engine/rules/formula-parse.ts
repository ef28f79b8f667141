/**
 * Reads the formula text (see formula-print.ts for its other direction). A readable text for rules and formulas, parsed to and printed from the JSON Logic the engine
 * stores: `quantity * unit_price`, `sum(parts, qty * unit_price)`, `if(warranty = "yes", 0, quote)`,
 * `date_diff(submitted_at, $today, "day")`. The designer edits this text; JSON Logic stays the one
 * stored form, so print(parse(text)) and parse(print(logic)) agree (tests/unit/formula-text.test.ts
 * round-trips every formula of templates/).
 *
 * Grammar, loosest first: `or`, `and`, `not`, comparisons (`=` `!=` `===` `!==` `<` `<=` `>` `>=`,
 * not chained), `+ -`, `* / %`, unary `-`, then literals (numbers, "strings", true, false, null,
 * `[lists]`), field paths (`customer.tier`, `$today`), `name(arguments)` for any operation, and
 * `(…)`. `a ?? 0` reads a field with a fallback (`{"var": ["a", 0]}`); `sum(list.column)` and
 * `sum(list, expression)` are the running total over a table (`reduce` with `accumulator` +
 * `current.…`). The parser accepts any operation name: whether it is allowed is the checker's
 * question, and the parse result lists every call and field read with its place for the editor.
 */

/** A place in the text, as offsets (from inclusive, to exclusive). */
export interface FormulaSpan {
  from: number;
  to: number;
}

/** A field read: `item` names the list when it is read per item (inside `sum`, `filter`…). */
export interface FormulaRef extends FormulaSpan {
  name: string;
  item?: string;
}

export interface FormulaCall extends FormulaSpan {
  op: string;
}

export type FormulaErrorCode =
  | 'formula.unexpected_token'
  | 'formula.unexpected_end'
  | 'formula.unclosed_string'
  | 'formula.bad_character'
  | 'formula.bad_sum';

export interface FormulaError extends FormulaSpan {
  code: FormulaErrorCode;
  message: string;
  /** The text found at the place, when there is one. */
  found?: string;
}

export type FormulaParse =
  { ok: true; logic: unknown; refs: FormulaRef[]; calls: FormulaCall[] } | { ok: false; error: FormulaError };

type TokenKind = 'number' | 'string' | 'name' | 'op' | 'punct' | 'end';
interface Token extends FormulaSpan {
  kind: TokenKind;
  text: string;
  value?: unknown;
}

const OPERATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
];
const PUNCT = '(),[]';
const KEYWORDS: Record<string, unknown> = { true: true, false: false, null: null };
/** Operations whose second argument is read per item of the list in the first. */
export const SCOPED = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some']);
const COMPARISON: Record<string, string> = {
  '=': '==',
  '==': '==',
  '!=': '!=',
  '===': '===',
  '!==': '!==',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

class ParseFailure extends Error {
  constructor(readonly error: FormulaError) {
    super(error.message);
  }
}

function fail(code: FormulaErrorCode, span: FormulaSpan, message: string, found?: string): never {
  throw new ParseFailure({
    code,
    from: span.from,
    to: span.to,
    message,
    ...(found === undefined ? {} : { found }),
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'number', text: m[0], value: Number(m[0]), from: start, to: i });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let raw = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          raw += text[i]! + text[i + 1]!;
          i += 2;
        } else raw += text[i++]!;
      }
      if (i >= text.length)
        fail('formula.unclosed_string', { from: start, to: text.length }, 'The text has no closing quote.');
      i++;
      let value: string;
      try {
        value = JSON.parse(`"${c === "'" ? raw.replace(/\\'/g, "'").replace(/"/g, '\\"') : raw}"`) as string;
      } catch {
        fail('formula.bad_character', { from: start, to: i }, 'The text holds an escape that is not valid.');
      }
      tokens.push({ kind: 'string', text: text.slice(start, i), value, from: start, to: i });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z0-9_$]+)*/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'name', text: m[0], from: start, to: i });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: 'op', text: op, from: start, to: i });
      continue;
    }
    if (PUNCT.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, from: start, to: i });
      continue;
    }
    fail('formula.bad_character', { from: start, to: start + 1 }, `"${c}" cannot be used in a formula.`, c);
  }
  tokens.push({ kind: 'end', text: '', from: text.length, to: text.length });
  return tokens;
}

/** Reads a formula; the first problem found ends the parse. */
export function parseFormula(text: string): FormulaParse {
  try {
    return { ok: true, ...new Parser(tokenize(text)).parseAll() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

class Parser {
  private at = 0;
  /** Nodes written in parentheses: never merged into an n-ary parent. */
  private readonly grouped = new WeakSet<object>();
  private readonly refs: FormulaRef[] = [];
  private readonly calls: FormulaCall[] = [];
  /** The list whose items the current expression reads, innermost last. */
  private readonly items: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  parseAll(): { logic: unknown; refs: FormulaRef[]; calls: FormulaCall[] } {
    const logic = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') this.unexpected(next);
    return { logic, refs: this.refs, calls: this.calls };
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private take(): Token {
    return this.tokens[this.at++]!;
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.text);
  }

  private isName(name: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === name;
  }

  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }

  private expect(p: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.unexpected(t, p);
    return this.take();
  }

  private unexpected(t: Token, wanted?: string): never {
    if (t.kind === 'end')
      fail(
        'formula.unexpected_end',
        t,
        wanted ? `The formula ends where "${wanted}" is missing.` : 'The formula ends too soon.',
      );
    fail('formula.unexpected_token', t, `"${t.text}" is not expected here.`, t.text);
  }

  /** Joins `a op b` into `{op: [a, b]}`, extending the left side when it is the same n-ary op. */
  private join(op: string, left: unknown, right: unknown, nary: boolean): unknown {
    if (nary && isOp(left, op) && !this.grouped.has(left))
      return { [op]: [...(args(left) as unknown[]), right] };
    return { [op]: [left, right] };
  }

  private expression(): unknown {
    let left = this.and();
    while (this.isName('or') || this.isOp('||')) {
      this.take();
      left = this.join('or', left, this.and(), true);
    }
    return left;
  }

  private and(): unknown {
    let left = this.not();
    while (this.isName('and') || this.isOp('&&')) {
      this.take();
      left = this.join('and', left, this.not(), true);
    }
    return left;
  }

  private not(): unknown {
    if (this.isName('not') || this.isOp('!')) {
      this.take();
      // Twice is JSON Logic's own "is truthy" operation.
      if (this.isName('not') || this.isOp('!')) {
        this.take();
        return { '!!': [this.not()] };
      }
      return { '!': [this.not()] };
    }
    return this.comparison();
  }

  private comparison(): unknown {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'op' && COMPARISON[t.text]) {
      this.take();
      const right = this.additive();
      const after = this.peek();
      if (after.kind === 'op' && COMPARISON[after.text]) this.unexpected(after);
      return { [COMPARISON[t.text]!]: [left, right] };
    }
    return left;
  }

  private additive(): unknown {
    let left = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.take().text;
      left = this.join(op, left, this.multiplicative(), op === '+');
    }
    return left;
  }

  private multiplicative(): unknown {
    let left = this.unary();
    while (this.isOp('*', '/', '%')) {
      const op = this.take().text;
      left = this.join(op, left, this.unary(), op === '*');
    }
    return left;
  }

  private unary(): unknown {
    if (this.isOp('-')) {
      this.take();
      const next = this.peek();
      // A minus written on a number is the negative number itself.
      if (next.kind === 'number') {
        this.take();
        return -(next.value as number);
      }
      return { '-': [this.unary()] };
    }
    return this.fallback();
  }

  private fallback(): unknown {
    const start = this.peek();
    const value = this.primary();
    if (!this.isOp('??')) return value;
    const op = this.take();
    if (!isOp(value, 'var') || typeof args(value) !== 'string' || this.grouped.has(value))
      fail('formula.unexpected_token', op, '"??" follows a field name.', '??');
    const alternative = this.unary();
    if (alternative !== null && typeof alternative === 'object')
      fail(
        'formula.unexpected_token',
        { from: start.from, to: this.peek().from },
        'A fallback after "??" is a plain value.',
        '??',
      );
    return { var: [args(value), alternative] };
  }

  private primary(): unknown {
    const t = this.take();
    switch (t.kind) {
      case 'number':
      case 'string':
        return t.value;
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression();
          this.expect(')');
          if (inner !== null && typeof inner === 'object') this.grouped.add(inner);
          return inner;
        }
        if (t.text === '[') return this.list(']');
        break;
      case 'name':
        if (t.text in KEYWORDS) return KEYWORDS[t.text];
        if (this.isPunct('(')) return this.call(t);
        if (t.text === 'and' || t.text === 'or' || t.text === 'not') break;
        this.refs.push({ name: t.text, from: t.from, to: t.to, ...this.itemScope() });
        return { var: t.text };
      default:
        break;
    }
    this.at--;
    return this.unexpected(t);
  }

  private itemScope(): { item?: string } {
    const of = this.items[this.items.length - 1];
    return of === undefined ? {} : { item: of };
  }

  private list(close: string, scoped?: string): unknown[] {
    const items: unknown[] = [];
    if (this.isPunct(close)) {
      this.take();
      return items;
    }
    for (;;) {
      // The second argument of a scoped operation reads each item of the first.
      const perItem = scoped !== undefined && items.length === 1;
      if (perItem) this.items.push(listName(items[0]));
      items.push(this.expression());
      if (perItem) this.items.pop();
      if (this.isPunct(',')) {
        this.take();
        continue;
      }
      this.expect(close);
      return items;
    }
  }

  private call(name: Token): unknown {
    this.take();
    const op = name.text;
    this.calls.push({ op, from: name.from, to: name.to });
    const before = this.refs.length;
    const list = this.list(')', SCOPED.has(op) || op === 'sum' ? op : undefined);
    if (op === 'sum') return this.sum(name, list, before);
    if (op === 'var' && list.length === 1) return { var: list[0] };
    return { [op]: list };
  }

  /** `sum(list.column)` or `sum(list, expression over an item)`: a reduce from 0. */
  private sum(name: Token, list: unknown[], firstRef: number): unknown {
    if (list.length === 1 && isOp(list[0], 'var') && typeof args(list[0]) === 'string') {
      const path = args(list[0]) as string;
      const dot = path.indexOf('.');
      if (dot > 0) {
        const ref = this.refs[firstRef]!;
        this.refs.splice(
          firstRef,
          1,
          { ...ref, name: path.slice(0, dot) },
          {
            ...ref,
            name: path.slice(dot + 1),
            item: path.slice(0, dot),
          },
        );
        return reduceSum(path.slice(0, dot), { var: `current.${path.slice(dot + 1)}` });
      }
    }
    if (list.length === 2 && isOp(list[0], 'var') && typeof args(list[0]) === 'string')
      return reduceSum(args(list[0]) as string, toCurrent(list[1]));
    return fail(
      'formula.bad_sum',
      name,
      'sum takes a table column (sum(items.amount)) or a table and an expression (sum(items, qty * price)).',
    );
  }
}

function reduceSum(list: string, item: unknown): unknown {
  return { reduce: [{ var: list }, { '+': [{ var: 'accumulator' }, item] }, 0] };
}

/** An item expression's field reads moved under `current.`, as `reduce` reads them. */
function toCurrent(logic: unknown): unknown {
  if (Array.isArray(logic)) return logic.map(toCurrent);
  if (logic === null || typeof logic !== 'object') return logic;
  const op = Object.keys(logic)[0]!;
  const a = args(logic);
  if (op === 'var') {
    if (typeof a === 'string') return { var: `current.${a}` };
    if (Array.isArray(a) && typeof a[0] === 'string')
      return { var: [`current.${a[0]}`, ...(a as unknown[]).slice(1)] };
    return logic;
  }
  // A nested scoped operation reads its own items: only its list is read from the item.
  if (SCOPED.has(op) && Array.isArray(a)) return { [op]: [toCurrent(a[0]), ...(a as unknown[]).slice(1)] };
  return { [op]: toCurrent(a) };
}

function listName(logic: unknown): string {
  return isOp(logic, 'var') && typeof args(logic) === 'string' ? (args(logic) as string) : '';
}

export function isOp(node: unknown, op?: string): node is Record<string, unknown> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return keys.length === 1 && (op === undefined || keys[0] === op);
}

export function args(node: unknown): unknown {
  return Object.values(node as Record<string, unknown>)[0];
}
