/** `date`: a calendar day as `YYYY-MM-DD` (no time, no zone). */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, trimString } from './field-type.js';
import { isIsoDate } from '../value-formats.js';

export const dateField: FieldTypeModule = {
  description: {
    type: 'date',
    label: { en: 'Date', zh: '日期' },
    value: { en: 'a day as YYYY-MM-DD', zh: '日期，格式 YYYY-MM-DD' },
    icon: 'calendar',
    category: 'datetime',
    control: 'date',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'date', type: 'string', 'x-fc-format': 'date' }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: (value) => {
    if (typeof value !== 'string') return undefined;
    // date_add over a datetime yields a datetime; a date field keeps its day.
    const day = value.slice(0, 10);
    return isIsoDate(day) ? day : undefined;
  },
};
