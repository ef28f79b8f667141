/** `email`: an e-mail address. */
import { controlAttributes, inputText, type FieldPart } from './field-part.js';
import { textPart } from './text.field.js';

export const emailPart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="email"
      autoComplete="email"
      value={inputText(props.value)}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    />
  ),
  Value: textPart.Value,
};
