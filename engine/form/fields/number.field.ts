/** `number`: a finite number, within ±1e15 unless `min`/`max` narrow it. */
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

export const numberField: FieldTypeModule = {
  description: {
    type: 'number',
    label: { en: 'Number', zh: '数字' },
    value: { en: 'a finite number', zh: '有限数值' },
    icon: 'hash',
    category: 'number',
    control: 'number',
    properties: [
      prop('/min', 'number', 'Minimum', '最小值'),
      prop('/max', 'number', 'Maximum', '最大值'),
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
  schema: (field) => ({ 'x-fc-type': 'number', type: 'number', ...rangeSchema(field, NUMBER_LIMITS.number) }),
  isEmpty: isBlank,
  fromFormula: (value) => withinLimit(toFiniteNumber(value), NUMBER_LIMITS.number),
};
