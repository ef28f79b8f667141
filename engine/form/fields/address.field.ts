/**
 * `address`: always an object `{province?, city?, district?, street, postcode?}` (never a free
 * string), so dashboards can group by city. Parts are trimmed and blank parts dropped; `street`
 * is required once any part is given.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank } from './field-type.js';

export const ADDRESS_PARTS = ['province', 'city', 'district', 'street', 'postcode'] as const;

const part = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const addressField: FieldTypeModule = {
  description: {
    type: 'address',
    label: { en: 'Address', zh: '地址' },
    value: {
      en: 'an object {province?, city?, district?, street, postcode?}',
      zh: '对象 {province?, city?, district?, street, postcode?}',
    },
    icon: 'map-pin',
    category: 'contact',
    control: 'address',
    properties: [],
    computable: false,
  },
  definitionSchema: { properties: {} },
  schema: () => ({
    'x-fc-type': 'address',
    type: 'object',
    properties: {
      province: part(100),
      city: part(100),
      district: part(100),
      street: part(500),
      postcode: part(20),
    },
    required: ['street'],
    additionalProperties: false,
  }),
  isEmpty: (value) => {
    if (isBlank(value)) return true;
    return isPlainObject(value) && Object.keys(value).every((k) => isBlank(value[k]));
  },
  normalize: (value) => {
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      const trimmed = typeof v === 'string' ? v.trim() : v;
      if (!isBlank(trimmed)) out[key] = trimmed;
    }
    return out;
  },
};
