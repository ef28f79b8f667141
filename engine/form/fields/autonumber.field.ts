/**
 * `autonumber`: a number the record gets once, on create, from `pattern`:
 * `{YYYY}`, `{MM}`, `{DD}`, `{YYYYMMDD}` (the day of creation) and `{seq:N}` (the sequence number
 * the store hands out, zero-padded to N digits; `{seq}` unpadded). Never taken from input.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank } from './field-type.js';

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

export const autonumberField: FieldTypeModule = {
  description: {
    type: 'autonumber',
    label: { en: 'Auto number', zh: '自动编号' },
    value: { en: 'text generated on create', zh: '创建时生成的编号' },
    options: [
      {
        key: 'pattern',
        kind: 'string',
        label: { en: 'Pattern, e.g. RMA-{YYYYMMDD}-{seq:4}', zh: '编号规则，如 RMA-{YYYYMMDD}-{seq:4}' },
        required: true,
      },
    ],
    computable: false,
  },
  schema: () => ({ 'x-fc-type': 'autonumber', type: 'string' }),
  isEmpty: isBlank,
};
