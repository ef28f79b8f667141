/** `files`: uploads with previews (`files-input.tsx`). */
import type { FieldPart } from './field-part.js';
import { FileList, FilesInput } from './files-input.js';

export const filesPart: FieldPart = {
  Input: ({ id, field, value, onChange, describedBy }) => (
    <FilesInput
      id={id}
      field={field}
      value={value}
      onChange={onChange}
      {...(describedBy ? { describedBy } : {})}
    />
  ),
  Value: ({ value }) => (Array.isArray(value) ? <FileList ids={value.map(String)} /> : null),
};
