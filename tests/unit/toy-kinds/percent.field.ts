/**
 * A toy field type for tests/unit/toy-kinds.test.ts, written as an extension would write one: a
 * whole percentage from 0 to 100 in steps of `step` (default 1); "50%" as typed is read as 50.
 * One file: description (with the input control a browser falls back to), the schema fragment of
 * its option, its check, and the value's schema.
 */
import { own } from '../../../engine/definition/bundle-reader.js';
import { prop } from '../../../engine/definition/property-list.js';
import { isBlank, type FieldTypeModule } from '../../../engine/form/fields/field-type.js';

export const percentField: FieldTypeModule = {
  description: {
    type: 'percent',
    label: { en: 'Percentage', zh: '百分比' },
    value: { en: 'a whole number from 0 to 100', zh: '0 到 100 的整数' },
    icon: 'percent',
    category: 'number',
    control: 'number',
    properties: [prop('/step', 'integer', 'Step', '步长', { default: 1 })],
    computable: true,
  },
  definitionSchema: { properties: { step: { type: 'integer', minimum: 1, maximum: 50 } } },
  check({ field, problems }) {
    const step = own(field.raw, 'step');
    if (typeof step === 'number' && 100 % step !== 0)
      problems.push({
        path: `${field.path}/step`,
        code: 'percent.step',
        message: `A step of ${step} never reaches 100; use a divisor of 100.`,
      });
  },
  schema: (field) => {
    const step = (field as { step?: unknown }).step;
    return {
      'x-fc-type': 'percent',
      type: 'integer',
      minimum: 0,
      maximum: 100,
      ...(typeof step === 'number' ? { multipleOf: step } : {}),
    };
  },
  isEmpty: isBlank,
  normalize: (value) => {
    if (typeof value !== 'string') return value;
    const match = /^\s*(\d{1,3})\s*%?\s*$/.exec(value);
    return match ? Number(match[1]) : value.trim();
  },
};
