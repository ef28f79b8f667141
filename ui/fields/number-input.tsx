/**
 * The number input of `number`, `integer` and `money`, and the view of a number that may hold a
 * span of time (`unit: 'hours'`: 0.0833 reads "5 分" / "5 min").
 */
import { fieldSpanText } from '../format/duration.js';
import { formatPlainNumber } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import { controlAttributes, inputText, type FieldInputProps, type FieldValueProps } from './field-part.js';

/** A number as typed: a number when it parses, the text otherwise (the engine then says why). */
function numberOrText(v: string): number | string | undefined {
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isNaN(n) ? v : n;
}

export function NumberInput({
  step,
  inputMode,
  ...props
}: FieldInputProps & { step: number | 'any'; inputMode: 'numeric' | 'decimal' }) {
  return (
    <input
      {...controlAttributes(props)}
      type="number"
      inputMode={inputMode}
      step={step}
      min={props.field.min}
      max={props.field.max}
      value={inputText(props.value)}
      onChange={(e) => props.onChange(numberOrText(e.target.value))}
    />
  );
}

export function NumberValue({ field, value }: FieldValueProps) {
  const { lang } = useI18n();
  const span = fieldSpanText(field.unit, value, lang);
  if (span !== undefined)
    return (
      <span className="duration" title={String(value)}>
        {span}
      </span>
    );
  return <span>{typeof value === 'number' ? formatPlainNumber(value, lang) : String(value)}</span>;
}
