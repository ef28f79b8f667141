/**
 * Runs JSON Schema `pattern`s on RE2 (re2js), a linear-time engine, so a designer's pattern such as
 * `^(a|a)*$` cannot make validation of a long value hang (ReDoS). RE2 has no backreferences or
 * lookarounds; a pattern that needs them is rejected when the form is compiled.
 */
import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/** Compiles a pattern with RE2; throws on syntax RE2 does not accept. */
export function compileRe2(pattern: string): RegExpLike {
  const re = RE2JS.compile(pattern);
  const matcher: RegExpLike & { toString(): string } = {
    test: (s: string) => re.test(s),
    // ajv caches compiled patterns by `toString()`: each pattern needs its own key, or every
    // pattern of the instance would share the first one's matcher.
    toString: () => `re2:${pattern}`,
  };
  return matcher;
}

/** ajv's `code.regExp` option. ajv passes the `u` flag; RE2 always matches by code point. */
export const re2RegExpEngine: RegExpEngine = Object.assign(
  (pattern: string, _flags: string) => compileRe2(pattern),
  {
    // Only used when generating standalone validation code, which we never do.
    code: 'flowcaseRe2',
  },
);

/** Whether RE2 accepts a pattern (used to report bad patterns at their definition path). */
export function isRe2Pattern(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}
