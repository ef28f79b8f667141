/** `select`: one of the field's options, by its label in the language on screen. */
import { loc, useI18n, type Lang } from '../i18n.js';
import type { FieldDef } from '../../contract/index.js';
import { controlAttributes, inputText, type FieldPart } from './field-part.js';

/** An option's label (the value itself when the field has no such option). */
export function optionLabel(field: FieldDef, value: unknown, lang: Lang): string {
  const opt = field.options?.find((o) => o.value === value);
  return opt ? loc(opt.label, lang) : String(value);
}

export const selectPart: FieldPart = {
  Input: function SelectInput(props) {
    const { t, lang } = useI18n();
    return (
      <select
        {...controlAttributes(props)}
        value={inputText(props.value)}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        <option value="">{t('chooseOne')}</option>
        {props.field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {loc(o.label, lang)}
          </option>
        ))}
      </select>
    );
  },
  Value: function SelectValue({ field, value }) {
    const { lang } = useI18n();
    return <span>{optionLabel(field, value, lang)}</span>;
  },
};
