/** `textarea`: text over several lines, shown with its line breaks. */
import { controlAttributes, inputText, type FieldPart } from './field-part.js';

export const textareaPart: FieldPart = {
  Input: (props) => (
    <textarea
      {...controlAttributes(props)}
      rows={3}
      value={inputText(props.value)}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    />
  ),
  Value: ({ value }) => <span className="pre">{String(value)}</span>,
};
