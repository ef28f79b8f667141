/**
 * `files`: a list of distinct file ids from `POST /api/v1/files`; `maxFiles` caps the count.
 * `accept` (MIME types, `image/*`, or extensions) is checked by the runtime when a write names a
 * file (`runtime/cases/reference-checks.ts`): an id carries no file type, and an upload no field.
 */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList, pick } from './field-type.js';
import { prop } from '../../definition/property-list.js';
import { text } from '../../definition/schema-parts.js';

export const filesField: FieldTypeModule = {
  description: {
    type: 'files',
    label: { en: 'Files', zh: '附件' },
    value: { en: 'a list of file ids', zh: '文件 id 列表' },
    icon: 'paperclip',
    category: 'advanced',
    control: 'files',
    properties: [
      prop('/accept', 'strings', 'Accepted types', '允许的文件类型', {
        help: {
          en: 'MIME types, image/*, or extensions such as .pdf.',
          zh: 'MIME 类型、image/* 或扩展名（如 .pdf）。',
        },
      }),
      prop('/maxFiles', 'integer', 'Maximum files', '最多文件数'),
    ],
    computable: false,
  },
  definitionSchema: {
    properties: {
      accept: { type: 'array', maxItems: 50, items: text(100) },
      maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
    },
  },
  schema: (field) => ({
    'x-fc-type': 'files',
    type: 'array',
    items: { 'x-fc-type': 'file', type: 'string', minLength: 1, maxLength: 200 },
    uniqueItems: true,
    ...pick(field, { maxFiles: 'maxItems' }),
  }),
  isEmpty: isEmptyList,
};
