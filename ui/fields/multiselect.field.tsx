/** `multiselect`: any of the field's options, as a group of checkboxes. */
import { loc, useI18n } from '../i18n.js';
import type { FieldPart } from './field-part.js';
import { optionLabel } from './select.field.js';

export const multiselectPart: FieldPart = {
  group: true,
  Input: function MultiselectInput({ id, field, value, onChange, describedBy }) {
    const { lang } = useI18n();
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <div
        className="checks"
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
      >
        {field.options?.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) => {
                const next = e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value);
                onChange(next.length ? next : undefined);
              }}
            />
            {loc(o.label, lang)}
          </label>
        ))}
      </div>
    );
  },
  Value: function MultiselectValue({ field, value }) {
    const { lang } = useI18n();
    return (
      <span>
        {Array.isArray(value) ? value.map((v) => optionLabel(field, v, lang)).join(', ') : String(value)}
      </span>
    );
  },
};
