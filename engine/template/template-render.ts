/**
 * Renders checked templates in an isolated Handlebars environment: only our helpers, no partials,
 * prototype access off, output escaped for where it goes (HTML, plain text or JSON). Compiled
 * templates are cached by source and escape mode.
 */
import Handlebars from 'handlebars';
import { FlowcaseError } from '../errors.js';
import { FORMAT_HELPERS } from './format-helpers.js';
import { analyzeTemplate } from './template-check.js';
import { INLINE_HELPERS, TEMPLATE_BUILTINS } from './template-policy.js';

export interface RenderOptions {
  /** JSON pointer of the template, carried by the error when it is refused. */
  path?: string;
  /** When given, the template may read only these fields (plus the builtins), as `checkTemplate`. */
  knownFields?: ReadonlySet<string>;
  /**
   * How values are escaped, by where the text goes. `html` (default) escapes values for HTML.
   * `text` escapes nothing: plain text for in-app messages, SMS and e-mail text bodies, whose
   * sinks escape on display (React) or are not markup at all; never put `text` output into HTML.
   * `json` is for webhook bodies written as JSON: string values are escaped as JSON string
   * contents and nothing is HTML-escaped, so `{"name": "{{name}}"}` stays valid JSON whatever the
   * name holds.
   */
  escape?: 'html' | 'text' | 'json';
}

interface CachedTemplate {
  render: Handlebars.TemplateDelegate;
  roots: ReadonlySet<string>;
}

type EscapeMode = NonNullable<RenderOptions['escape']>;

const MAX_CACHED_TEMPLATES = 500;
/** One cache per escape mode: the same source compiles differently with and without escaping. */
const caches: Record<EscapeMode, Map<string, CachedTemplate>> = {
  html: new Map(),
  text: new Map(),
  json: new Map(),
};

const environment = Handlebars.create();
// `lookup` reads a property by a computed name and `log` writes to the console: neither is ours.
environment.unregisterHelper('lookup');
environment.unregisterHelper('log');
for (const [name, helper] of Object.entries(FORMAT_HELPERS)) environment.registerHelper(name, helper);

const knownHelpers = Object.fromEntries([...INLINE_HELPERS].map((name) => [name, true]));

/** Every string inside `value` escaped as JSON string contents (quotes, backslashes, controls). */
function jsonEscaped(value: unknown, depth = 0): never {
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1) as never;
  if (depth > 20 || typeof value !== 'object' || value === null) return value as never;
  if (Array.isArray(value)) return value.map((v) => jsonEscaped(v, depth + 1)) as never;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = jsonEscaped(v, depth + 1);
  return out as never;
}

function compile(source: string, path: string, mode: EscapeMode): CachedTemplate {
  const store = caches[mode];
  const cached = store.get(source);
  if (cached) return cached;
  const analysis = analyzeTemplate(source, { path });
  const first = analysis.problems[0];
  if (first)
    throw new FlowcaseError('FC_TEMPLATE_INVALID', first.message, { path, problems: analysis.problems });
  // Compile the very syntax tree the check accepted, so nothing is re-parsed differently.
  const render = environment.compile(analysis.ast, {
    strict: false,
    noEscape: mode !== 'html',
    knownHelpersOnly: true,
    knownHelpers,
    data: true,
    preventIndent: true,
  });
  if (store.size >= MAX_CACHED_TEMPLATES) {
    const oldest = store.keys().next();
    if (!oldest.done) store.delete(oldest.value);
  }
  const entry = { render, roots: analysis.roots };
  store.set(source, entry);
  return entry;
}

/**
 * Renders a template over `data` and returns text escaped for `options.escape` (HTML by default).
 * Throws `FC_TEMPLATE_INVALID` for any template `checkTemplate` rejects (with
 * `options.knownFields`, also for unknown names).
 *
 * `data` holds the record's fields at the top level plus the builtins the caller has
 * (`$today`, `$now`, `$user`, `record`, `task`, `instance`, `app`). Relation fields must arrive
 * already resolved: `customer` is the linked record's data (`{{customer.name}}`), not its id; the
 * renderer never looks anything up.
 *
 * @example renderTemplate('Hi {{name}}', { name: '<b>Li</b>' }) // → 'Hi &lt;b&gt;Li&lt;/b&gt;'
 */
export function renderTemplate(
  source: string,
  data: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  const path = options.path ?? '';
  if (typeof source !== 'string') {
    throw new FlowcaseError('FC_TEMPLATE_INVALID', 'A template must be a text.', { path });
  }
  const mode = options.escape ?? 'html';
  const json = mode === 'json';
  const template = compile(source, path, mode);
  const known = options.knownFields;
  if (known) {
    const unknown = [...template.roots].find((name) => !known.has(name) && !TEMPLATE_BUILTINS.has(name));
    if (unknown !== undefined) {
      throw new FlowcaseError(
        'FC_TEMPLATE_INVALID',
        `The template reads "${unknown}", which is not a field of this form.`,
        { path },
      );
    }
  }
  try {
    return template.render(json ? jsonEscaped(data) : data, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
      allowCallsToHelperMissing: false,
    });
  } catch (e) {
    const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
    throw new FlowcaseError('FC_TEMPLATE_INVALID', `The template failed to render: ${detail.slice(0, 200)}`, {
      path,
    });
  }
}
