/** `integer`: a safe whole number (±2^53 − 1) unless `min`/`max` narrow it. A formula's result is rounded. */
import { NUMBER_LIMITS } from '../../definition/number-limits.js';
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toFiniteNumber } from './field-type.js';
import {
  checkRangeLimits,
  DURATION_UNIT_SCHEMA,
  NUMBER_RANGE_SCHEMA,
  rangeSchema,
  withinLimit,
} from './number-range.js';
import { choices, prop } from '../../definition/property-list.js';

export const integerField: FieldTypeModule = {
  description: {
    type: 'integer',
    label: { en: 'Whole number', zh: '整数' },
    value: { en: 'an integer', zh: '整数' },
    icon: 'hash',
    category: 'number',
    control: 'number',
    properties: [
      prop('/min', 'integer', 'Minimum', '最小值'),
      prop('/max', 'integer', 'Maximum', '最大值'),
      prop('/currency', 'text', 'Currency (ISO 4217)', '币种（ISO 4217）', {
        help: { en: 'Shows the number as an amount in it.', zh: '按该币种显示数值。' },
      }),
      prop('/unit', 'select', 'Unit of a duration', '时长单位', {
        help: { en: 'When the number is a duration.', zh: '数值表示时长时的单位。' },
        choices: choices(['minutes', 'Minutes', '分钟'], ['hours', 'Hours', '小时'], ['days', 'Days', '天']),
      }),
    ],
    computable: true,
  },
  definitionSchema: { properties: { ...NUMBER_RANGE_SCHEMA, unit: DURATION_UNIT_SCHEMA } },
  check: checkRangeLimits,
  schema: (field) => ({
    'x-fc-type': 'integer',
    type: 'integer',
    ...rangeSchema(field, NUMBER_LIMITS.integer),
  }),
  isEmpty: isBlank,
  fromFormula: (value) => {
    const n = toFiniteNumber(value);
    return withinLimit(n === undefined ? undefined : Math.round(n), NUMBER_LIMITS.integer);
  },
};
