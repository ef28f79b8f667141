/**
 * What a designer needs to generate a palette entry and a property panel for a node kind, a field
 * type or a widget type, in plain JSON (no functions), so it crosses HTTP and runs in any browser.
 * Each kind lists its own properties next to its schema fragment and checks; nothing here knows
 * the kinds.
 */

export interface Bilingual {
  en: string;
  zh: string;
}

/**
 * The input a property panel shows for a property. Reference controls (`field`, `form`, `flow`,
 * `node`, `role`...) pick among what the bundle defines; `rule` edits JSON Logic, `template` a
 * Handlebars text, `localized` a text in Chinese and English, `duration` an ISO-8601 duration,
 * `colors` a list of `#rrggbb` colours.
 */
export type ControlKind =
  | 'text'
  | 'textarea'
  | 'localized'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'strings'
  | 'key'
  | 'pattern'
  | 'url'
  | 'value'
  | 'duration'
  | 'rule'
  | 'template'
  | 'role'
  | 'roles'
  | 'user'
  | 'assignees'
  | 'field'
  | 'fields'
  | 'form'
  | 'flow'
  | 'node'
  | 'nodes'
  | 'outcome'
  | 'options'
  | 'columns'
  | 'mapping'
  | 'colors'
  | 'list';

export interface PropertySpec {
  /** The property's name: the last segment of `path`. */
  key: string;
  /** JSON pointer from the node, field or widget object (`/sla/due`). */
  path: string;
  label: Bilingual;
  help?: Bilingual;
  control: ControlKind;
  /** Whether a definition must set it. */
  required?: boolean;
  /** What the engine does when it is not set (or what a new one starts with). */
  default?: unknown;
  /** `select`/`multiselect`: the values to choose from. */
  choices?: readonly { value: string; label: Bilingual }[];
  /** `field`/`fields`: the field types that fit here (any type when absent). */
  fieldTypes?: readonly string[];
  /** `field`/`fields`: whose fields: the flow's form (default) or the form named by another property. */
  formFrom?: string;
  /** `list`: the properties of one item (paths from the item); `mapping`: of one entry's value. */
  items?: readonly PropertySpec[];
  /** `mapping`: what an entry's key names. */
  mapKey?: ControlKind;
  /** `mapping`: what an entry's value holds, when it is one control rather than `items`. */
  mapValue?: ControlKind;
}

/** What a palette shows for a kind. `icon` names an icon of the designer's set (Lucide names). */
export interface PaletteEntry {
  type: string;
  label: Bilingual;
  summary: Bilingual;
  icon: string;
  category: string;
}

type PropertyExtra = Omit<PropertySpec, 'key' | 'path' | 'label' | 'control'>;

/**
 * One property, tersely: `prop('/sla/due', 'duration', 'Due after', '期限', { required: true })`.
 */
export function prop(
  path: string,
  control: ControlKind,
  en: string,
  zh: string,
  extra: PropertyExtra = {},
): PropertySpec {
  const segments = path.split('/');
  return { key: segments[segments.length - 1] ?? path, path, label: { en, zh }, control, ...extra };
}

/** Choices for a `select`: `choices(['any', 'Any one', '任一人'], ...)`. */
export function choices(
  ...entries: readonly (readonly [value: string, en: string, zh: string])[]
): PropertySpec['choices'] {
  return entries.map(([value, en, zh]) => ({ value, label: { en, zh } }));
}
