/** `user`: a person the app lists, picked by name (`user-picker.tsx`), shown by name. */
import { useUserName } from '../records.js';
import type { FieldPart } from './field-part.js';
import { UserPicker } from './user-picker.js';

export const userPart: FieldPart = {
  Input: ({ id, app, field, value, onChange, invalid, describedBy }) => (
    <UserPicker
      id={id}
      app={app}
      value={value}
      onChange={onChange}
      invalid={invalid}
      {...(field.required ? { required: true } : {})}
      {...(describedBy ? { describedBy } : {})}
    />
  ),
  Value: function UserValue({ value, display }) {
    const id = String(value);
    const name = useUserName(display === undefined ? id : undefined);
    return <span title={id}>{display ?? name ?? id}</span>;
  },
};
