/** `text`: one line of text. */
import { controlAttributes, inputText, type FieldPart } from './field-part.js';

export const textPart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="text"
      maxLength={props.field.maxLength}
      value={inputText(props.value)}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    />
  ),
  Value: ({ value }) => <span>{typeof value === 'string' ? value : JSON.stringify(value)}</span>,
};
