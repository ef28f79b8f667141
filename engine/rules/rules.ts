/**
 * Our wrapper around json-logic-js: rules are checked against the allow-list once (when a
 * definition is saved), then evaluated over a scope holding the record, `$today`, `$now`, `$user`
 * and, for relation fields, the linked record (`customer.tier`).
 */
import jsonLogic from 'json-logic-js';
import { FlowcaseError, type Problem } from '../errors.js';
import { ruleCompiler, type CompiledRule } from './compile-rule.js';
import { dateAdd, dateDiff } from './date-operations.js';
import {
  ALLOWED_OPERATIONS,
  BUILTIN_VARIABLES,
  FORBIDDEN_SEGMENTS,
  SCOPED_OPERATIONS,
} from './operations.js';
import { checkRuleSize } from './rule-size.js';

export interface RuleCheckOptions {
  /** JSON pointer of the rule inside its definition, prefixed to every problem. */
  path?: string;
  /** Field keys a top-level `var` may start with; absent means any key that is not forbidden. */
  knownFields?: ReadonlySet<string>;
}

export interface RuleScope {
  data: Readonly<Record<string, unknown>>;
  /** `YYYY-MM-DD` in the server's time zone. */
  today: string;
  /** ISO-8601 datetime. */
  now: string;
  user?: unknown;
  /** Resolves `field.sub` where `field` holds a record id (relation fields). */
  lookup?: (field: string, id: string) => Readonly<Record<string, unknown>> | undefined;
}

const checked = new WeakSet<object>();
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Where a root scope keeps the record and the lookup (symbols: no field path can name them). */
const DATA = Symbol('data');
const LOOKUP = Symbol('lookup');

/**
 * The object a rule is applied to at the top level: `$today`, `$now` and `$user` as own
 * properties (the `today`/`now` operations read them from `this`), the record itself by reference
 * (never copied), and the relation lookup. `var` reads a built-in first, then the record.
 */
interface RootScope {
  $today: string;
  $now: string;
  $user: unknown;
  readonly [DATA]: Readonly<Record<string, unknown>>;
  readonly [LOOKUP]: RuleScope['lookup'];
}

function isRoot(scope: unknown): scope is RootScope {
  return typeof scope === 'object' && scope !== null && DATA in scope;
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

/** Returns every problem of a rule (unknown operations, unsafe or unknown variables, size). Never throws. */
export function checkRule(logic: unknown, options: RuleCheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const base = options.path ?? '';

  const visit = (node: unknown, path: string, scoped: boolean): void => {
    if (problems.length > 50) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}/${i}`, scoped));
      return;
    }
    if (typeof node === 'string' && node.length > 10_000) {
      problems.push({
        path,
        code: 'rule.too_large',
        message: 'A text inside a rule may have at most 10000 characters.',
      });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({
        path,
        code: 'rule.malformed',
        message: 'A rule operation is an object with exactly one operator.',
      });
      return;
    }
    const op = keys[0]!;
    const opPath = `${path}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!ALLOWED_OPERATIONS.has(op)) {
      problems.push({
        path: opPath,
        code: 'rule.unknown_operation',
        message: `Unknown or forbidden rule operation "${op}".`,
      });
      return;
    }
    const args = (node as Record<string, unknown>)[op];
    if (op === 'var') {
      checkVar(args, opPath, scoped);
      return;
    }
    if (SCOPED_OPERATIONS.has(op) && Array.isArray(args)) {
      visit(args[0], `${opPath}/0`, scoped);
      args.slice(1).forEach((a, i) => visit(a, `${opPath}/${i + 1}`, i === 0 ? true : scoped));
      return;
    }
    visit(args, opPath, scoped);
  };

  const checkVar = (args: unknown, path: string, scoped: boolean): void => {
    const name: unknown = Array.isArray(args) ? (args as unknown[])[0] : args;
    if (Array.isArray(args) && args.length > 2) {
      problems.push({
        path,
        code: 'rule.malformed',
        message: '"var" takes a field path and an optional default.',
      });
    }
    if (typeof name === 'number' && Number.isInteger(name)) return;
    if (typeof name !== 'string' && name !== null && name !== undefined) {
      // A computed variable name could reach anything; only literal paths are allowed.
      problems.push({
        path,
        code: 'rule.dynamic_var',
        message: '"var" must name a field with a literal path.',
      });
      return;
    }
    const segments = String(name ?? '').split('.');
    const forbidden = segments.find((s) => FORBIDDEN_SEGMENTS.has(s));
    if (forbidden !== undefined) {
      problems.push({
        path,
        code: 'rule.forbidden_var',
        message: `"${forbidden}" may not appear in a field path.`,
      });
      return;
    }
    const root = segments[0] ?? '';
    if (
      !scoped &&
      root !== '' &&
      options.knownFields &&
      !options.knownFields.has(root) &&
      !BUILTIN_VARIABLES.has(root)
    ) {
      problems.push({
        path,
        code: 'rule.unknown_field',
        message: `The rule reads "${root}", which is not a field of this form.`,
      });
    }
  };

  try {
    // Over a size limit nothing else is worth reading; within them, `visit` recurses 32 deep at most.
    const size = checkRuleSize(logic, base);
    if (size) problems.push(size);
    else visit(logic, base, false);
  } catch {
    problems.push({ path: base, code: 'rule.malformed', message: 'The rule cannot be read.' });
  }
  if (problems.length === 0 && typeof logic === 'object' && logic !== null) checked.add(logic);
  return problems;
}

function safeVar(this: unknown, name: unknown, fallback: unknown): unknown {
  return readVar(this, name, fallback);
}

/** Walks a field path over own properties only, resolving a relation id through the scope's lookup. */
function readVar(scope: unknown, name: unknown, fallback: unknown): unknown {
  return pathReader(name)(scope, fallback);
}

/**
 * The reader of one field path, split once: compiled rules hold one per literal `var`, so a
 * path is not re-split on every evaluation.
 */
function pathReader(name: unknown): (scope: unknown, fallback: unknown) => unknown {
  if (name === undefined || name === null || name === '')
    return (scope) => (isRoot(scope) ? materialize(scope) : scope);
  const segments = (typeof name === 'number' ? String(name) : typeof name === 'string' ? name : '').split(
    '.',
  );
  if (segments.some((s) => FORBIDDEN_SEGMENTS.has(s)))
    return (_scope, fallback) => (fallback === undefined ? null : fallback);
  return (scope, fallback) => readSegments(scope, segments, fallback === undefined ? null : fallback);
}

function readSegments(scope: unknown, segments: readonly string[], notFound: unknown): unknown {
  const root = isRoot(scope) ? scope : undefined;
  const lookup = root?.[LOOKUP];
  let current: unknown = scope;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (i === 0 && root) {
      // A built-in wins over a record key of the same name, as when they shared one object.
      if (hasOwn(root, segment)) current = root[segment as '$today'];
      else if (hasOwn(root[DATA], segment)) current = root[DATA][segment];
      else return notFound;
      continue;
    }
    if (typeof current === 'string' && lookup && i === 1) {
      current = lookup(segments[0]!, current);
    }
    if (typeof current !== 'object' || current === null || !hasOwn(current, segment)) return notFound;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? notFound : current;
}

/** The whole top-level scope as one object (`{"var": ""}`), built only when a rule asks for it. */
function materialize(root: RootScope): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const data = root[DATA];
  for (const key of Object.keys(data)) out[key] = data[key];
  out.$today = root.$today;
  out.$now = root.$now;
  out.$user = root.$user;
  return out;
}

function register(): void {
  // Replacing "var" closes json-logic-js 2.0.5's prototype walk ({"var":"__proto__"}).
  jsonLogic.add_operation('var', safeVar);
  jsonLogic.add_operation('today', function (this: Record<string, unknown>) {
    return this.$today ?? null;
  });
  jsonLogic.add_operation('now', function (this: Record<string, unknown>) {
    return this.$now ?? null;
  });
  jsonLogic.add_operation('date_add', dateAdd);
  jsonLogic.add_operation('date_diff', dateDiff);
}
register();

function rootScope(scope: RuleScope): RootScope {
  // O(1): the record is referenced, not copied (a copy per evaluation cost more than the rule).
  const root = Object.create(null) as RootScope;
  root.$today = scope.today;
  root.$now = scope.now;
  root.$user = scope.user ?? null;
  (root as { [DATA]: RootScope[typeof DATA] })[DATA] = scope.data;
  (root as { [LOOKUP]: RootScope[typeof LOOKUP] })[LOOKUP] = scope.lookup;
  return root;
}

const compileRule = ruleCompiler({ read: readVar, path: pathReader }, ALLOWED_OPERATIONS);
/** Compiled once per rule object: definitions are immutable once loaded, so the closure stays right. */
const compiled = new WeakMap<object, CompiledRule>();

/** The compiled form of a rule, checking it first if `checkRule` never saw it. */
function compiledRule(logic: object): CompiledRule {
  let run = compiled.get(logic);
  if (!run) {
    if (!checked.has(logic)) {
      const problems = checkRule(logic);
      if (problems.length > 0)
        throw new FlowcaseError('FC_RULE_INVALID', problems[0]!.message, {
          path: problems[0]!.path,
          problems,
        });
    }
    run = compileRule(logic);
    compiled.set(logic, run);
  }
  return run;
}

/**
 * Evaluates a rule. A rule that was not checked by `checkRule` is checked now; an unsafe rule
 * throws `FC_RULE_INVALID` rather than running.
 */
export function evaluateRule(logic: unknown, scope: RuleScope): unknown {
  if (typeof logic !== 'object' || logic === null) return logic;
  return compiledRule(logic)(rootScope(scope));
}

/**
 * Evaluates many rules over one scope whose record changes between calls (a form pass): one
 * root scope for all of them instead of one per rule. Same checks as `evaluateRule`.
 */
export function ruleEvaluator(
  scope: Omit<RuleScope, 'data'>,
): (logic: unknown, data: Readonly<Record<string, unknown>>) => unknown {
  const root = rootScope({ ...scope, data: {} });
  return (logic, data) => {
    if (typeof logic !== 'object' || logic === null) return logic;
    const run = compiledRule(logic);
    (root as { [DATA]: RootScope[typeof DATA] })[DATA] = data;
    return run(root);
  };
}

/**
 * Evaluates a checked rule with json-logic-js itself: the reference the compiled rules are tested
 * against. Not for production paths (it re-reads the rule on every call).
 */
export function interpretRule(logic: unknown, scope: RuleScope): unknown {
  return jsonLogic.apply(logic as jsonLogic.RulesLogic, rootScope(scope));
}

/** JSON Logic truthiness ("0" and [] are false), for `visibleIf` and branch conditions. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

export { isOperation };
