/**
 * `table`: rows of a sub-form (`columns`), stored as an array of row objects; `minRows`, `maxRows`.
 * Column rules run per row; see `evaluate-data.ts` for what a row's rules can read.
 */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList, pick } from './field-type.js';

export const tableField: FieldTypeModule = {
  description: {
    type: 'table',
    label: { en: 'Table', zh: '子表' },
    value: { en: 'a list of row objects keyed by column', zh: '行对象列表（按列的键）' },
    options: [
      { key: 'columns', kind: 'columns', label: { en: 'Columns', zh: '列' }, required: true },
      { key: 'minRows', kind: 'integer', label: { en: 'Minimum rows', zh: '最少行数' } },
      { key: 'maxRows', kind: 'integer', label: { en: 'Maximum rows', zh: '最多行数' } },
    ],
    computable: false,
  },
  schema: (field, columnSchema) => {
    const properties: Record<string, unknown> = {};
    for (const column of field.columns ?? []) properties[column.key] = columnSchema(column);
    return {
      'x-fc-type': 'table',
      type: 'array',
      items: { 'x-fc-type': 'row', type: 'object', properties, additionalProperties: false },
      ...pick(field, { minRows: 'minItems', maxRows: 'maxItems' }),
    };
  },
  isEmpty: isEmptyList,
};
