/** `money`: an amount in cents' precision, shown with its currency (`currency`, CNY by default). */
import { formatMoney } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import type { FieldPart } from './field-part.js';
import { NumberInput } from './number-input.js';

export const moneyPart: FieldPart = {
  Input: (props) => <NumberInput {...props} step={0.01} inputMode="decimal" />,
  Value: function MoneyValue({ field, value }) {
    const { lang } = useI18n();
    return (
      <span>{typeof value === 'number' ? formatMoney(value, field.currency, lang) : String(value)}</span>
    );
  },
};
