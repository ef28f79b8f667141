/**
 * `files`: a list of distinct file ids from `POST /api/v1/files`; `maxFiles` caps the count.
 * `accept` (MIME types, `image/*`, or extensions) is checked by the runtime when a write names a
 * file (`runtime/cases/reference-checks.ts`): an id carries no file type, and an upload no field.
 */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList, pick } from './field-type.js';

export const filesField: FieldTypeModule = {
  description: {
    type: 'files',
    label: { en: 'Files', zh: '附件' },
    value: { en: 'a list of file ids', zh: '文件 id 列表' },
    options: [
      { key: 'accept', kind: 'strings', label: { en: 'Accepted types', zh: '允许的文件类型' } },
      { key: 'maxFiles', kind: 'integer', label: { en: 'Maximum files', zh: '最多文件数' } },
    ],
    computable: false,
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
