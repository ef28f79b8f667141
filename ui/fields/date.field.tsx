/** `date`: a calendar day (`YYYY-MM-DD`), shown as stored. */
import { controlAttributes, inputText, type FieldPart } from './field-part.js';

export const datePart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="date"
      value={inputText(props.value)}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    />
  ),
  Value: ({ value }) => <span>{typeof value === 'string' ? value : JSON.stringify(value)}</span>,
};
