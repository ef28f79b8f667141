/**
 * `table`: rows of a sub-form (`columns`), stored as an array of row objects; `minRows`, `maxRows`.
 * Column rules run per row; see `evaluate-data.ts` for what a row's rules can read.
 */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList, pick } from './field-type.js';
import { prop } from '../../definition/property-list.js';
import { count, ref } from '../../definition/schema-parts.js';

export const tableField: FieldTypeModule = {
  description: {
    type: 'table',
    label: { en: 'Table', zh: '子表' },
    value: { en: 'a list of row objects keyed by column', zh: '行对象列表（按列的键）' },
    icon: 'table',
    category: 'advanced',
    control: 'table',
    properties: [
      prop('/columns', 'columns', 'Columns', '列', {
        required: true,
        help: { en: 'Fields of any type but a table.', zh: '除子表外任意类型的字段。' },
      }),
      prop('/minRows', 'integer', 'Minimum rows', '最少行数'),
      prop('/maxRows', 'integer', 'Maximum rows', '最多行数'),
    ],
    computable: false,
  },
  definitionSchema: {
    properties: {
      columns: { type: 'array', minItems: 1, maxItems: 100, items: ref('column') },
      minRows: count(1000),
      maxRows: count(1000),
    },
    required: ['columns'],
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
