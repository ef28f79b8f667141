/** `boolean`: a checkbox; shown as 是/否 (Yes/No). */
import { useI18n } from '../i18n.js';
import { controlAttributes, type FieldPart } from './field-part.js';

export const booleanPart: FieldPart = {
  Input: (props) => (
    <input
      {...controlAttributes(props)}
      type="checkbox"
      checked={props.value === true}
      onChange={(e) => props.onChange(e.target.checked)}
    />
  ),
  Value: function BooleanValue({ value }) {
    const { t } = useI18n();
    return <span>{value === true ? t('yes') : t('no')}</span>;
  },
};
