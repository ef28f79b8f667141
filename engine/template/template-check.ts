/**
 * The save-time check of a Handlebars template: parse it, then walk the syntax tree and reject
 * everything outside `template-policy.ts`. The renderer runs the very tree this check accepted.
 */
import Handlebars from 'handlebars';
import type { Problem } from '../errors.js';
import {
  BLOCK_HELPERS,
  CONTEXT_HELPERS,
  DATA_VARIABLES,
  FORBIDDEN_PATH_SEGMENTS,
  HASH_KEY_PATTERN,
  INLINE_HELPERS,
  MAX_TEMPLATE_LENGTH,
  MAX_TEMPLATE_NESTING,
  TEMPLATE_BUILTINS,
} from './template-policy.js';

export interface TemplateCheckOptions {
  /** JSON pointer of the template inside its definition; every problem carries it. */
  path?: string;
  /** Field keys a template may read at the top level; absent means any name that is not forbidden. */
  knownFields?: ReadonlySet<string>;
}

/** The outcome of parsing and checking a template. `ast` is set when parsing succeeded. */
export interface TemplateAnalysis {
  problems: Problem[];
  /** Top-level names the template reads (fields and builtins), for re-checking against a form. */
  roots: ReadonlySet<string>;
  ast?: unknown;
}

/** The few parts of Handlebars' syntax tree we read; everything is checked before use. */
interface HbNode {
  type?: unknown;
  loc?: { start?: { line?: unknown; column?: unknown } };
  [key: string]: unknown;
}

const MAX_PROBLEMS_PER_TEMPLATE = 20;

function asNode(value: unknown): HbNode | undefined {
  return typeof value === 'object' && value !== null ? (value as HbNode) : undefined;
}

function nodes(value: unknown): HbNode[] {
  return Array.isArray(value) ? value.map(asNode).filter((n): n is HbNode => n !== undefined) : [];
}

function where(node: HbNode): string {
  const line = node.loc?.start?.line;
  const column = node.loc?.start?.column;
  return typeof line === 'number' && typeof column === 'number'
    ? ` (line ${line}, column ${column + 1})`
    : '';
}

function originalOf(path: unknown): string {
  const original = asNode(path)?.original;
  return typeof original === 'string' ? original : '';
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Parses and checks a template; never throws. */
export function analyzeTemplate(source: unknown, options: TemplateCheckOptions = {}): TemplateAnalysis {
  const path = options.path ?? '';
  const problems: Problem[] = [];
  const roots = new Set<string>();
  const report = (code: string, message: string): void => {
    if (problems.length < MAX_PROBLEMS_PER_TEMPLATE) problems.push({ path, code, message });
  };

  if (typeof source !== 'string') {
    report('template.not_string', 'A template must be a text.');
    return { problems, roots };
  }
  if (source.length > MAX_TEMPLATE_LENGTH) {
    report(
      'template.too_long',
      `A template may have at most ${MAX_TEMPLATE_LENGTH} characters (this one has ${source.length}).`,
    );
    return { problems, roots };
  }
  let ast: unknown;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
    report('template.syntax', `The template cannot be read: ${detail.slice(0, 200)}`);
    return { problems, roots };
  }

  let tooDeep = false;
  const reportTooDeep = (node: HbNode): void => {
    if (!tooDeep)
      report(
        'template.too_deep',
        `A template may nest at most ${MAX_TEMPLATE_NESTING} levels${where(node)}.`,
      );
    tooDeep = true;
  };

  // contextDepth: how many `each`/`with` blocks moved the context away from the record.
  const visitPath = (node: HbNode, contextDepth: number): void => {
    const parts = Array.isArray(node.parts)
      ? node.parts.filter((p): p is string => typeof p === 'string')
      : [];
    const forbidden = parts.find((p) => FORBIDDEN_PATH_SEGMENTS.has(p));
    if (forbidden !== undefined) {
      report('template.forbidden_path', `"${forbidden}" may not appear in a template path${where(node)}.`);
      return;
    }
    let rootName: string | undefined;
    if (node.data === true) {
      const variable = parts[0] ?? '';
      if (!DATA_VARIABLES.has(variable)) {
        report(
          'template.data_variable',
          `Unknown template variable "@${variable}"${where(node)}; use @index, @key, @first, @last or @root.`,
        );
        return;
      }
      if (variable === 'root') rootName = parts[1];
    } else {
      const depth = typeof node.depth === 'number' ? node.depth : 0;
      if (depth >= contextDepth) rootName = parts[0];
    }
    if (rootName === undefined) return;
    roots.add(rootName);
    const known = options.knownFields;
    if (known && !known.has(rootName) && !TEMPLATE_BUILTINS.has(rootName)) {
      report(
        'template.unknown_field',
        `The template reads ${quote(rootName)}, which is not a field of this form${where(node)}.`,
      );
    }
  };

  const visitHash = (hash: unknown, contextDepth: number, nesting: number): void => {
    for (const pair of nodes(asNode(hash)?.pairs)) {
      const key = typeof pair.key === 'string' ? pair.key : '';
      if (!HASH_KEY_PATTERN.test(key) || FORBIDDEN_PATH_SEGMENTS.has(key)) {
        report('template.hash_key', `The helper argument name ${quote(key)} is not allowed${where(pair)}.`);
      }
      visitExpression(asNode(pair.value), contextDepth, nesting);
    }
  };

  const visitArguments = (node: HbNode, contextDepth: number, nesting: number): void => {
    for (const param of nodes(node.params)) visitExpression(param, contextDepth, nesting);
    visitHash(node.hash, contextDepth, nesting);
  };

  const hasArguments = (node: HbNode): boolean =>
    nodes(node.params).length > 0 || nodes(asNode(node.hash)?.pairs).length > 0;

  const helperName = (node: HbNode): string | undefined => {
    const path = asNode(node.path);
    if (path?.type !== 'PathExpression' || path.data === true || path.depth !== 0) return undefined;
    const parts = Array.isArray(path.parts) ? path.parts : [];
    return parts.length === 1 && typeof parts[0] === 'string' && path.original === parts[0]
      ? parts[0]
      : undefined;
  };

  const visitExpression = (node: HbNode | undefined, contextDepth: number, nesting: number): void => {
    if (!node) return;
    if (nesting > MAX_TEMPLATE_NESTING) return reportTooDeep(node);
    if (node.type === 'PathExpression') return visitPath(node, contextDepth);
    if (node.type === 'SubExpression') {
      const name = helperName(node);
      if (name === undefined || !INLINE_HELPERS.has(name)) {
        report(
          'template.helper_not_allowed',
          `Only the helpers ${[...INLINE_HELPERS].join(', ')} may be called in (…); found ${quote(name ?? originalOf(node.path))}${where(node)}.`,
        );
        return;
      }
      visitArguments(node, contextDepth, nesting + 1);
    }
    // String, number, boolean, null and undefined literals are harmless as arguments.
  };

  const visitMustache = (node: HbNode, contextDepth: number, nesting: number): void => {
    if (node.escaped !== true) {
      report('template.unescaped', `Unescaped output ({{{…}}} or {{&…}}) is not allowed${where(node)}.`);
      return;
    }
    const path = asNode(node.path);
    if (path?.type !== 'PathExpression') {
      report('template.literal_path', `A {{…}} must name a field or a helper${where(node)}.`);
      return;
    }
    const name = helperName(node);
    if (name !== undefined && BLOCK_HELPERS.has(name)) {
      report(
        'template.helper_not_allowed',
        `"${name}" is a block helper: write {{#${name} …}}…{{/${name}}}${where(node)}.`,
      );
      return;
    }
    if (hasArguments(node) || (name !== undefined && INLINE_HELPERS.has(name))) {
      if (name === undefined || !INLINE_HELPERS.has(name)) {
        report(
          'template.helper_not_allowed',
          `Unknown helper ${quote(name ?? originalOf(path))}; the allowed helpers are ${[...INLINE_HELPERS].join(', ')}${where(node)}.`,
        );
        return;
      }
      visitArguments(node, contextDepth, nesting + 1);
      return;
    }
    visitPath(path, contextDepth);
  };

  const visitBlock = (node: HbNode, contextDepth: number, nesting: number): void => {
    const name = helperName(node);
    if (name === undefined || !BLOCK_HELPERS.has(name)) {
      report(
        'template.helper_not_allowed',
        `Unknown block helper ${quote(name ?? originalOf(node.path))}; the allowed blocks are ${[...BLOCK_HELPERS].join(', ')}${where(node)}.`,
      );
      return;
    }
    const params = nodes(node.params);
    if (params.length !== 1) {
      report('template.helper_arguments', `{{#${name}}} takes exactly one argument${where(node)}.`);
    }
    visitArguments(node, contextDepth, nesting + 1);
    const program = asNode(node.program);
    if (program && Array.isArray(program.blockParams) && program.blockParams.length > 0) {
      report(
        'template.block_params',
        `Block parameters (as |…|) are not allowed; use "this" and @index inside {{#${name}}}${where(node)}.`,
      );
    }
    visitProgram(program, CONTEXT_HELPERS.has(name) ? contextDepth + 1 : contextDepth, nesting + 1);
    visitProgram(asNode(node.inverse), contextDepth, nesting + 1);
  };

  const visitStatement = (node: HbNode, contextDepth: number, nesting: number): void => {
    if (nesting > MAX_TEMPLATE_NESTING) return reportTooDeep(node);
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return visitMustache(node, contextDepth, nesting);
      case 'BlockStatement':
        return visitBlock(node, contextDepth, nesting);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        report('template.partial', `Partials ({{> …}}) are not allowed${where(node)}.`);
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        report('template.decorator', `Decorators ({{* …}}) are not allowed${where(node)}.`);
        return;
      default:
        report(
          'template.unsupported',
          `Unsupported template construct ${quote(String(node.type))}${where(node)}.`,
        );
    }
  };

  const visitProgram = (program: HbNode | undefined, contextDepth: number, nesting: number): void => {
    for (const statement of nodes(program?.body)) visitStatement(statement, contextDepth, nesting);
  };

  try {
    const root = asNode(ast);
    if (root && Array.isArray(root.blockParams) && root.blockParams.length > 0) {
      report('template.block_params', 'Block parameters (as |…|) are not allowed.');
    }
    visitProgram(root, 0, 0);
  } catch {
    report('template.syntax', 'The template cannot be read.');
  }
  return { problems, roots, ast };
}

/**
 * Returns every problem of a template: not a string, too long, unreadable, unescaped output,
 * partials, decorators, block parameters, helpers outside the allow-list, prototype paths and,
 * with `knownFields`, names that are neither a field nor a builtin. Never throws.
 *
 * @example checkTemplate('Hello {{customer.name}}', { path: '/flows/0/nodes/n/template', knownFields: new Set(['customer']) }) // → []
 */
export function checkTemplate(source: unknown, options: TemplateCheckOptions = {}): Problem[] {
  return analyzeTemplate(source, options).problems;
}
