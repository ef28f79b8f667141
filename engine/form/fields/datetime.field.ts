/**
 * `datetime`: an instant as ISO-8601 with a zone (`2026-11-23T09:30:00+08:00`); stored normalized
 * to UTC (`2026-11-23T01:30:00.000Z`) so stored values sort and compare as text.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank } from './field-type.js';
import { isIsoDateTime } from '../value-formats.js';

function toUtc(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!isIsoDateTime(trimmed)) return trimmed;
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : trimmed;
}

export const datetimeField: FieldTypeModule = {
  description: {
    type: 'datetime',
    label: { en: 'Date and time', zh: '日期时间' },
    value: { en: 'ISO-8601 with a zone, stored in UTC', zh: '带时区的 ISO-8601，按 UTC 存储' },
    icon: 'calendar-clock',
    category: 'datetime',
    control: 'datetime',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'datetime', type: 'string', 'x-fc-format': 'datetime' }),
  isEmpty: isBlank,
  normalize: toUtc,
  fromFormula: (value) => {
    const utc = toUtc(value);
    return typeof utc === 'string' && isIsoDateTime(utc) ? utc : undefined;
  },
};
