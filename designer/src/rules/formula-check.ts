/**
 * The live problems of a formula text, each at its place, for the editor's lint: the parse error
 * (where reading stopped), field reads that name no field of the form (nor a linked record's or a
 * table row's), and operations outside the engine's allow-list. Pure, so it is unit-tested.
 */
import { ALLOWED_OPERATIONS, BUILTIN_VARIABLES } from '../../../engine/rules/operations.js';
import { parseFormula, type FormulaSpan } from '../../../engine/rules/formula-parse.js';
import type { RuleField } from './rule-fields.js';

export interface FormulaProblem extends FormulaSpan {
  /** A word key of rule-words.ts and its values. */
  key: string;
  vars: Record<string, string>;
}

export interface FormulaCheck {
  /** The JSON Logic read, when the text parses (even with unknown fields). */
  logic?: unknown;
  /** True for an empty text (no formula). */
  empty: boolean;
  problems: FormulaProblem[];
}

/** Names a rule may read from `$user` (`$user.id`) besides the built-ins themselves. */
function isBuiltin(name: string): boolean {
  return BUILTIN_VARIABLES.has(name) || BUILTIN_VARIABLES.has(name.split('.')[0]!);
}

export function checkFormula(text: string, fields: readonly RuleField[]): FormulaCheck {
  if (text.trim() === '') return { empty: true, problems: [] };
  const parsed = parseFormula(text);
  if (!parsed.ok) {
    const { error } = parsed;
    return {
      empty: false,
      problems: [
        {
          from: error.from,
          to: Math.max(error.to, error.from),
          key: error.code,
          vars: { found: error.found ?? '' },
        },
      ],
    };
  }
  const names = new Set(fields.map((f) => f.name));
  const problems: FormulaProblem[] = [];
  for (const ref of parsed.refs) {
    if (ref.item === undefined) {
      if (!names.has(ref.name) && !isBuiltin(ref.name))
        problems.push({ from: ref.from, to: ref.to, key: 'unknownField', vars: { name: ref.name } });
      continue;
    }
    // Per item of a list: `reduce` reads `current.x`/`accumulator`, the others the row's columns.
    if (ref.item === '' || !names.has(ref.item)) continue;
    const column = ref.name.startsWith('current.') ? ref.name.slice('current.'.length) : ref.name;
    if (ref.name === 'accumulator' || ref.name === 'current' || isBuiltin(ref.name)) continue;
    if (!names.has(`${ref.item}.${column}`))
      problems.push({
        from: ref.from,
        to: ref.to,
        key: 'unknownColumn',
        vars: { name: column, table: ref.item },
      });
  }
  for (const call of parsed.calls)
    if (call.op !== 'sum' && !ALLOWED_OPERATIONS.has(call.op))
      problems.push({ from: call.from, to: call.to, key: 'opNotAllowed', vars: { op: call.op } });
  return { logic: parsed.logic, empty: false, problems };
}

/** The functions the editor offers, with their argument hints. */
export const FORMULA_FUNCTIONS: readonly { name: string; args: string }[] = [
  { name: 'if', args: 'condition, then, else' },
  { name: 'sum', args: 'table.column | table, expression' },
  { name: 'date_diff', args: 'from, to, "day"' },
  { name: 'date_add', args: 'date, amount, "month"' },
  { name: 'today', args: '' },
  { name: 'now', args: '' },
  { name: 'min', args: 'a, b, …' },
  { name: 'max', args: 'a, b, …' },
  { name: 'cat', args: 'text, text, …' },
  { name: 'in', args: 'value, [list] | text' },
  { name: 'substr', args: 'text, start, length' },
];
