/**
 * The record as a message shows it to people: what a designer means by `{{intake_channel}}` is
 * "Online shop" (or 网店), not the stored `online_shop`. `displayValues` turns the record's data
 * into the data a notification template renders over, in one language:
 *
 * - `select`: the option's label; `multiselect`: the list of labels, printing as "A, B" (zh "A、B");
 * - `relation`: the linked record's data (so `{{customer.name}}` works), printing as its display
 *   field (`{{customer}}` → the customer's name), or the id when the record cannot be found;
 * - `table`: each row the same way, by its columns;
 * - every other value, and names that are not fields (builtins), unchanged.
 *
 * Empty values stay empty, so `{{#if courier}}` still asks whether a courier was chosen.
 */
import type { FieldDef, LocalizedText, SelectOption } from '../definition/types.js';

export type DisplayLanguage = 'en' | 'zh';

export interface DisplayOptions {
  language: DisplayLanguage;
  /** Resolves a relation value (a record id of `form`) to that record's data. */
  lookup?: (form: string, id: string) => Readonly<Record<string, unknown>> | undefined;
}

const LIST_SEPARATOR: Record<DisplayLanguage, string> = { en: ', ', zh: '、' };

export function localized(text: LocalizedText | undefined, language: DisplayLanguage): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return language === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en);
}

function optionLabel(
  options: readonly SelectOption[] | undefined,
  value: unknown,
  language: DisplayLanguage,
): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const option = options?.find((o) => o.value === value);
  return option ? (localized(option.label, language) ?? value) : value;
}

/**
 * Gives a list or linked record the text it prints as. Handlebars prints a value by converting it
 * to a string; an own, non-enumerable `toString` decides that text without adding a key that
 * `{{#each}}` would walk. Templates cannot name `toString` (a forbidden path), so this is no way in.
 */
function printingAs<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, 'toString', { value: () => text, enumerable: false });
  return value;
}

function displayValue(field: FieldDef, value: unknown, options: DisplayOptions): unknown {
  switch (field.type) {
    case 'select':
      return optionLabel(field.options, value, options.language);
    case 'multiselect': {
      if (!Array.isArray(value)) return value;
      const labels = value.map((v) => optionLabel(field.options, v, options.language));
      return printingAs(labels, labels.map(String).join(LIST_SEPARATOR[options.language]));
    }
    case 'relation': {
      if (typeof value !== 'string' || value === '' || field.form === undefined) return value;
      const linked = options.lookup?.(field.form, value);
      if (!linked) return value;
      const shown = linked[field.display ?? 'name'];
      const text = typeof shown === 'string' || typeof shown === 'number' ? String(shown) : value;
      return printingAs({ ...linked, id: value }, text);
    }
    case 'table':
      if (!Array.isArray(value)) return value;
      return value.map((row: unknown) =>
        typeof row === 'object' && row !== null && !Array.isArray(row)
          ? displayValues(field.columns ?? [], row as Record<string, unknown>, options)
          : row,
      );
    default:
      return value;
  }
}

/** The record's data with select, multiselect, relation and table values shown as people read them. */
export function displayValues(
  fields: readonly FieldDef[],
  data: Readonly<Record<string, unknown>>,
  options: DisplayOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(data, field.key)) continue;
    out[field.key] = displayValue(field, data[field.key], options);
  }
  return out;
}
