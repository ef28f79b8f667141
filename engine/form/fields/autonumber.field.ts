/**
 * `autonumber`: a number the record gets once, on create, from `pattern`:
 * `{YYYY}`, `{MM}`, `{DD}`, `{YYYYMMDD}` (the day of creation) and `{seq:N}` (the sequence number
 * the store hands out, zero-padded to N digits; `{seq}` unpadded). Never taken from input.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank } from './field-type.js';
import { own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { text } from '../../definition/schema-parts.js';

const PLACEHOLDER = /\{(YYYYMMDD|YYYY|MM|DD|seq(?::(\d{1,2}))?)\}/g;

/** Whether a pattern needs a sequence number. */
export function usesSequence(pattern: string): boolean {
  return /\{seq(?::\d{1,2})?\}/.test(pattern);
}

/**
 * Fills an autonumber pattern. `day` is `YYYY-MM-DD`.
 * @example formatAutonumber('RMA-{YYYYMMDD}-{seq:4}', 7, '2026-11-23') // 'RMA-20261123-0007'
 */
export function formatAutonumber(pattern: string, sequence: number, day: string): string {
  const [yyyy = '', mm = '', dd = ''] = day.split('-');
  return pattern.replace(PLACEHOLDER, (_all, token: string, width: string | undefined) => {
    if (token === 'YYYYMMDD') return `${yyyy}${mm}${dd}`;
    if (token === 'YYYY') return yyyy;
    if (token === 'MM') return mm;
    if (token === 'DD') return dd;
    const digits = String(Math.trunc(sequence));
    return width === undefined ? digits : digits.padStart(Number(width), '0');
  });
}

const DATE_TOKENS: ReadonlySet<string> = new Set(['YYYY', 'MM', 'DD', 'YYYYMMDD']);
const SEQUENCE_TOKEN = /^seq:([1-9]|1[0-2])$/;

/** Problems of an autonumber pattern such as `RMA-{YYYYMMDD}-{seq:4}`: literal text, date tokens, one `{seq:N}`. */
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

export const autonumberField: FieldTypeModule = {
  description: {
    type: 'autonumber',
    label: { en: 'Auto number', zh: '自动编号' },
    value: { en: 'text generated on create', zh: '创建时生成的编号' },
    icon: 'list-ordered',
    category: 'advanced',
    control: 'readonly',
    properties: [
      prop(
        '/pattern',
        'text',
        'Pattern, e.g. RMA-{YYYYMMDD}-{seq:4}',
        '编号规则，如 RMA-{YYYYMMDD}-{seq:4}',
        {
          required: true,
          default: '{YYYYMMDD}-{seq:4}',
        },
      ),
    ],
    computable: false,
  },
  definitionSchema: { properties: { pattern: text(100) }, required: ['pattern'] },
  check({ field, problems }) {
    const pattern = own(field.raw, 'pattern');
    if (typeof pattern !== 'string') return;
    const found = autonumberProblems(pattern);
    if (found.length > 0) {
      problems.push({
        path: `${field.path}/pattern`,
        code: 'autonumber.invalid',
        message: `The number pattern has ${found.join('; ')}; use text with {YYYY}, {MM}, {DD}, {YYYYMMDD} and one {seq:N}.`,
      });
    }
  },
  schema: () => ({ 'x-fc-type': 'autonumber', type: 'string' }),
  isEmpty: isBlank,
};
