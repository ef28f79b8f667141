/**
 * What the designer's gestures do to the document, as immer recipes the edit store applies: add a
 * field of a type at a place, move one, delete one, change its key (with its references), arrange
 * sections. A new field's key comes from its label until someone types a key of their own.
 */
import type { Draft } from 'immer';
import type { FieldDef, FieldType, FormDef } from '../../../engine/definition/types.js';
import type { DesignDoc, LayoutSection } from './edit-store.js';

/** Where a field goes: a section and an index in it, or a table's columns. */
export type Place = { section: string; index: number } | { table: string; index: number };

/** A key from a label: lowercase ASCII words joined by `_`, or `<type>_<n>` for a label with none. */
export function keyFromLabel(label: string, type: string, taken: ReadonlySet<string>): string {
  const words = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let base = words.join('_').slice(0, 40);
  if (!/^[a-z]/.test(base)) base = base === '' ? type : `f_${base}`;
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Every key of the form's fields and of its tables' columns. */
export function takenKeys(form: FormDef): Set<string> {
  const keys = new Set<string>();
  for (const f of form.fields) {
    keys.add(f.key);
    for (const c of f.columns ?? []) keys.add(c.key);
  }
  return keys;
}

/** A new field of a type with the defaults its definition needs to be valid. */
export function newField(type: FieldType, form: FormDef, label: { zh: string; en: string }): FieldDef {
  const key = keyFromLabel(label.en, type, takenKeys(form));
  const field: FieldDef = { key, type, label: { ...label } };
  if (type === 'select' || type === 'multiselect')
    field.options = [
      { value: 'a', label: { zh: '选项一', en: 'Option 1' } },
      { value: 'b', label: { zh: '选项二', en: 'Option 2' } },
    ];
  if (type === 'autonumber') field.pattern = 'NO-{YYYYMMDD}-{seq:4}';
  if (type === 'table')
    field.columns = [{ key: `${key}_item`, type: 'text', label: { zh: '项目', en: 'Item' } }];
  return field;
}

export function addField(doc: Draft<DesignDoc>, field: FieldDef, place: Place): void {
  if ('table' in place) {
    const table = doc.form.fields.find((f) => f.key === place.table);
    if (!table) return;
    table.columns ??= [];
    table.columns.splice(place.index, 0, field);
    return;
  }
  doc.form.fields.push(field);
  const section = doc.layout.sections.find((s) => s.key === place.section) ?? doc.layout.sections[0];
  section?.fields.splice(place.index, 0, field.key);
  orderFieldsByLayout(doc);
}

/** Moves a top-level field to another place in the sections (the form's order follows the layout). */
export function moveField(doc: Draft<DesignDoc>, key: string, to: { section: string; index: number }): void {
  const from = doc.layout.sections.find((s) => s.fields.includes(key));
  const target = doc.layout.sections.find((s) => s.key === to.section);
  if (!from || !target) return;
  const at = from.fields.indexOf(key);
  from.fields.splice(at, 1);
  const index = from === target && at < to.index ? to.index - 1 : to.index;
  target.fields.splice(Math.min(index, target.fields.length), 0, key);
  orderFieldsByLayout(doc);
}

/** Moves a column within its table. */
export function moveColumn(doc: Draft<DesignDoc>, table: string, key: string, index: number): void {
  const columns = doc.form.fields.find((f) => f.key === table)?.columns;
  if (!columns) return;
  const at = columns.findIndex((c) => c.key === key);
  if (at < 0) return;
  const [column] = columns.splice(at, 1);
  columns.splice(Math.min(at < index ? index - 1 : index, columns.length), 0, column!);
}

/** The form's fields in the order the sections show them (what the web app shows, too). */
export function orderFieldsByLayout(doc: Draft<DesignDoc>): void {
  const order = doc.layout.sections.flatMap((s) => s.fields);
  const rank = new Map(order.map((k, i) => [k, i]));
  doc.form.fields.sort((a, b) => (rank.get(a.key) ?? order.length) - (rank.get(b.key) ?? order.length));
}

export function deleteField(doc: Draft<DesignDoc>, key: string, column?: string): void {
  if (column !== undefined) {
    const table = doc.form.fields.find((f) => f.key === key);
    if (table?.columns) table.columns = table.columns.filter((c) => c.key !== column);
    return;
  }
  doc.form.fields = doc.form.fields.filter((f) => f.key !== key);
  for (const s of doc.layout.sections) s.fields = s.fields.filter((k) => k !== key);
}

export function addSection(doc: Draft<DesignDoc>, title: { zh: string; en: string }): void {
  const taken = new Set(doc.layout.sections.map((s) => s.key));
  let n = doc.layout.sections.length + 1;
  while (taken.has(`section_${n}`)) n++;
  doc.layout.sections.push({ key: `section_${n}`, title, columns: 1, fields: [] } satisfies LayoutSection);
}
