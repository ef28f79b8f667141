/** `phone`: a telephone number (the phone's dial pad, the browser's autofill). */
import { controlAttributes, inputText, type FieldPart } from './field-part.js';
import { textPart } from './text.field.js';

export const phonePart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="tel"
      autoComplete="tel"
      value={inputText(props.value)}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    />
  ),
  Value: textPart.Value,
};
