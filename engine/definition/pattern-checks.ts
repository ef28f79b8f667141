/**
 * Text patterns in forms. A text field's `pattern` must compile with re2js, because the form
 * compiler runs definition patterns on that linear-time engine (so `^(a|a)*$` is harmless, while
 * backreferences and lookarounds, which need backtracking, are refused). An autonumber's pattern
 * is literal text with the tokens `{YYYY}`, `{MM}`, `{DD}`, `{YYYYMMDD}` and exactly one `{seq:N}`.
 */
import { RE2JS } from 're2js';
import type { Problem } from '../errors.js';
import type { BundleIndex, FieldInfo } from './bundle-index.js';
import { own } from './bundle-reader.js';

const DATE_TOKENS: ReadonlySet<string> = new Set(['YYYY', 'MM', 'DD', 'YYYYMMDD']);
const SEQUENCE_TOKEN = /^seq:([1-9]|1[0-2])$/;

function checkTextPattern(pattern: string, path: string, problems: Problem[]): void {
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : 'unreadable';
    problems.push({
      path,
      code: 'pattern.invalid',
      message: `The pattern cannot run on the linear-time regular expression engine: ${detail}.`,
    });
  }
}

/** Problems of an autonumber pattern such as `RMA-{YYYYMMDD}-{seq:4}`. */
export function autonumberProblems(pattern: string): string[] {
  const problems: string[] = [];
  let sequences = 0;
  const tokenText = /\{([^{}]*)\}/g;
  for (const match of pattern.matchAll(tokenText)) {
    const token = match[1] ?? '';
    if (SEQUENCE_TOKEN.test(token)) sequences += 1;
    else if (!DATE_TOKENS.has(token)) problems.push(`unknown token {${token.slice(0, 20)}}`);
  }
  if (/[{}]/.test(pattern.replace(tokenText, ''))) problems.push('an unmatched { or }');
  if (sequences !== 1)
    problems.push(`${sequences} {seq:N} tokens where exactly one (N from 1 to 12) is needed`);
  return problems;
}

function checkField(field: FieldInfo, problems: Problem[]): void {
  const pattern = own(field.raw, 'pattern');
  if (typeof pattern === 'string') {
    if (field.type === 'text') checkTextPattern(pattern, `${field.path}/pattern`, problems);
    if (field.type === 'autonumber') {
      const found = autonumberProblems(pattern);
      if (found.length > 0) {
        problems.push({
          path: `${field.path}/pattern`,
          code: 'autonumber.invalid',
          message: `The number pattern has ${found.join('; ')}; use text with {YYYY}, {MM}, {DD}, {YYYYMMDD} and one {seq:N}.`,
        });
      }
    }
  }
  for (const column of field.columns.values()) checkField(column, problems);
}

export function checkPatterns(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values())
    for (const field of form.fields.values()) checkField(field, problems);
  return problems;
}
