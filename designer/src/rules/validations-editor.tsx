/**
 * A field's validation rules: each a condition built with the rule builder (it must hold while
 * the field is shown) and the message shown at the field when it does not, in Chinese and English.
 */
import type { FieldValidation, LocalizedText } from '../../../engine/definition/types.js';
import { RuleBuilder } from './rule-builder.js';
import type { RuleField } from './rule-fields.js';
import { useRuleWords } from './rule-words.js';

function both(text: LocalizedText | undefined): { zh: string; en: string } {
  if (typeof text === 'string') return { zh: text, en: text };
  return { zh: text?.zh ?? '', en: text?.en ?? '' };
}

export function ValidationsEditor({
  value,
  fields,
  onChange,
  id,
}: {
  value: FieldValidation[] | undefined;
  fields: RuleField[];
  onChange: (next: FieldValidation[]) => void;
  id: string;
}) {
  const { t } = useRuleWords();
  const items = value ?? [];
  const put = (i: number, next: Partial<FieldValidation>) =>
    onChange(items.map((item, j) => (j === i ? { ...item, ...next } : item)));
  return (
    <div className="validations" id={id} data-testid={id}>
      {items.map((item, i) => {
        const message = both(item.message);
        return (
          <fieldset className="validation" key={i} data-testid={`${id}-${i}`}>
            <legend>
              {t('validationRule')} {i + 1}
            </legend>
            <RuleBuilder
              value={item.rule}
              fields={fields}
              onChange={(rule) => put(i, { rule: rule })}
              testId={`${id}-${i}-rule`}
            />
            <label htmlFor={`${id}-${i}-message`}>{t('validationMessage')}</label>
            <div className="row">
              <input
                id={`${id}-${i}-message`}
                aria-label={`${t('validationMessage')} 中文`}
                placeholder="中文"
                value={message.zh}
                onChange={(e) => put(i, { message: { ...message, zh: e.target.value } })}
              />
              <input
                id={`${id}-${i}-message-en`}
                aria-label={`${t('validationMessage')} English`}
                placeholder="English"
                value={message.en}
                onChange={(e) => put(i, { message: { ...message, en: e.target.value } })}
              />
            </div>
            <button
              type="button"
              className="quiet"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
              data-testid={`${id}-${i}-remove`}
            >
              {t('ruleRemove')}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...items, { message: { zh: '', en: '' } } as unknown as FieldValidation])}
        data-testid={`${id}-add`}
      >
        + {t('addValidation')}
      </button>
    </div>
  );
}
