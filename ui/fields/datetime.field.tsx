/** `datetime`: an instant, typed in this device's zone and shown in the server's. */
import { formatDateTime, toLocalInput } from '../format/time.js';
import { useI18n } from '../i18n.js';
import { controlAttributes, type FieldPart } from './field-part.js';

export const datetimePart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="datetime-local"
      value={toLocalInput(props.value)}
      onChange={(e) => props.onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)}
    />
  ),
  Value: function DateTimeValue({ value }) {
    const { lang } = useI18n();
    return <time dateTime={String(value)}>{formatDateTime(String(value), lang)}</time>;
  },
};
