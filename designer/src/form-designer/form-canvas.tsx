/**
 * The palette and the form canvas, with drag and drop (dnd-kit): a palette entry dropped on the
 * canvas adds a field of its type there; a field dragged within or across sections moves; a
 * table's columns reorder inside it and take palette entries too. Every drop is one edit. The
 * palette is the engine's field-type registry (every type, its icon name, zh/en names), and a
 * click (or Enter) on an entry adds the field at the end, for keyboards.
 */
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useMemo } from 'react';
import { describeFieldTypes } from '../../../engine/form/fields/registry.js';
import type { FieldDef, FieldType } from '../../../engine/definition/types.js';
import { loc } from '../../../ui/i18n.js';
import type { DesignDoc, EditStore, FieldAt, LayoutSection } from './edit-store.js';
import { addField, addSection, moveColumn, moveField, newField, type Place } from './field-ops.js';
import { useNearViewport } from './near-viewport.js';
import { useWords } from './words.js';

// Plain symbols, not colour emoji: many Linux desktops have no emoji font and would show boxes.
/** Fields at the top of a section that are sortable before the viewport observer answers. */
const EAGER_FIELDS = 40;

const TYPES = new Map(describeFieldTypes().map((d) => [d.type, d]));

const ICONS: Record<string, string> = {
  type: 'T',
  'align-left': '¶',
  hash: '#',
  binary: '1',
  banknote: '¥',
  calendar: '▤',
  'calendar-clock': '◷',
  'toggle-left': '☑',
  'circle-dot': '◉',
  'list-checks': '☰',
  phone: '☎',
  mail: '@',
  'map-pin': '⌂',
  paperclip: '⎘',
  link: '⇄',
  user: '☺',
  star: '★',
  'list-ordered': '№',
  table: '▦',
};

function PaletteEntry({
  type,
  label,
  icon,
  onAdd,
}: {
  type: string;
  label: string;
  icon: string;
  onAdd: () => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `palette:${type}`,
    data: { type },
  });
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        className={`palette-entry${isDragging ? ' dragging' : ''}`}
        data-testid={`palette-${type}`}
        data-icon={icon}
        onClick={onAdd}
        {...listeners}
        {...attributes}
      >
        <span className="icon" aria-hidden="true">
          {ICONS[icon] ?? '•'}
        </span>
        {label}
      </button>
    </li>
  );
}

function Column({
  table,
  column,
  selected,
  onSelect,
}: {
  table: string;
  column: FieldDef;
  selected: boolean;
  onSelect: (at: FieldAt) => void;
}) {
  const { lang } = useWords();
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({
    id: `column:${table}:${column.key}`,
    data: { table },
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`canvas-column${selected ? ' selected' : ''}`}
      data-testid={`column-${table}-${column.key}`}
      onClick={(e) => {
        e.stopPropagation();
        onSelect({ field: table, column: column.key });
      }}
      {...attributes}
      {...listeners}
    >
      {loc(column.label, lang)} <code>{column.key}</code>
    </li>
  );
}

/** Picks a type to add as the table's last column (the keyboard's and the click's way in). */
function AddColumn({ table, onAdd }: { table: string; onAdd: AddColumnFn }) {
  const { t, lang } = useWords();
  return (
    <select
      className="add-column"
      aria-label={t('addColumn')}
      value=""
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => e.target.value && onAdd(table, e.target.value)}
      data-testid={`add-column-${table}`}
    >
      <option value="">+ {t('addColumn')}</option>
      {describeFieldTypes()
        .filter((d) => d.type !== 'table')
        .map((d) => (
          <option key={d.type} value={d.type}>
            {loc(d.label, lang)}
          </option>
        ))}
    </select>
  );
}

type AddColumnFn = (table: string, type: string) => void;

function TableColumns({
  field,
  selectedColumn,
  onSelect,
  onAddColumn,
}: {
  field: FieldDef;
  selectedColumn: string | undefined;
  onSelect: (at: FieldAt) => void;
  onAddColumn: AddColumnFn;
}) {
  const { t } = useWords();
  const { setNodeRef, isOver } = useDroppable({ id: `columns:${field.key}`, data: { table: field.key } });
  const columns = field.columns ?? [];
  return (
    <SortableContext
      id={`columns:${field.key}`}
      items={columns.map((c) => `column:${field.key}:${c.key}`)}
      strategy={verticalListSortingStrategy}
    >
      <ul
        ref={setNodeRef}
        className={`canvas-columns${isOver ? ' over' : ''}`}
        aria-label={t('columns')}
        data-testid={`columns-${field.key}`}
      >
        {columns.map((c) => (
          <Column
            key={c.key}
            table={field.key}
            column={c}
            selected={selectedColumn === c.key}
            onSelect={onSelect}
          />
        ))}
      </ul>
      <AddColumn table={field.key} onAdd={onAddColumn} />
    </SortableContext>
  );
}

interface FieldProps {
  field: FieldDef;
  section: string;
  isSelected: boolean;
  /** The selected column when it is one of this table's. */
  selectedColumn: string | undefined;
  onSelect: (at: FieldAt) => void;
  onAddColumn: AddColumnFn;
}

/** What a field's row shows: its icon, label, required mark, key and type. */
function FieldLabel({ field }: { field: FieldDef }) {
  const { lang } = useWords();
  const type = TYPES.get(field.type);
  return (
    <>
      <span className="icon" aria-hidden="true">
        {ICONS[type?.icon ?? ''] ?? '•'}
      </span>
      <strong>{loc(field.label, lang)}</strong>
      {field.required && <span className="required">*</span>} <code>{field.key}</code>{' '}
      <span className="muted small">{loc(type?.label, lang)}</span>
    </>
  );
}

/** A field near the viewport: sortable (dnd-kit), its table's columns sortable too. */
function SortableField({
  field,
  section,
  isSelected,
  selectedColumn,
  onSelect,
  onAddColumn,
  observe,
}: FieldProps & { observe: (el: Element | null) => void }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: `field:${field.key}`,
    data: { section },
  });
  const ref = useCallback(
    (el: HTMLLIElement | null) => {
      setNodeRef(el);
      observe(el);
    },
    [setNodeRef, observe],
  );
  return (
    <li
      ref={ref}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.5 : 1 }}
      className={`canvas-field${isSelected ? ' selected' : ''}`}
      data-testid={`canvas-field-${field.key}`}
      aria-current={isSelected ? 'true' : undefined}
      onClick={() => onSelect({ field: field.key })}
    >
      <div className="handle" {...attributes} {...listeners}>
        <FieldLabel field={field} />
      </div>
      {field.type === 'table' && (
        <TableColumns
          field={field}
          selectedColumn={selectedColumn}
          onSelect={onSelect}
          onAddColumn={onAddColumn}
        />
      )}
    </li>
  );
}

/** A table's columns as plain rows, for a table far from the viewport. */
function StaticColumns({ field }: { field: FieldDef }) {
  const { lang } = useWords();
  return (
    <ul className="canvas-columns">
      {(field.columns ?? []).map((c) => (
        <li key={c.key} className="canvas-column">
          {loc(c.label, lang)} <code>{c.key}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * One field on the canvas. Memoized, with only its own selection passed in, and sortable only
 * near the viewport (near-viewport.ts): on a 200-field form an edit or a selection re-renders the
 * fields it touches and the few dozen on screen, not all of them (issue 20's 50 ms).
 */
const CanvasField = memo(function CanvasField(props: FieldProps & { eager: boolean }) {
  const { eager, ...rest } = props;
  const [observe, near] = useNearViewport(eager);
  if (near) return <SortableField {...rest} observe={observe} />;
  const { field, isSelected, onSelect } = rest;
  return (
    <li
      ref={observe}
      className={`canvas-field${isSelected ? ' selected' : ''}`}
      data-testid={`canvas-field-${field.key}`}
      aria-current={isSelected ? 'true' : undefined}
      onClick={() => onSelect({ field: field.key })}
    >
      <div className="handle">
        <FieldLabel field={field} />
      </div>
      {field.type === 'table' && <StaticColumns field={field} />}
    </li>
  );
});

function Section({
  doc,
  section,
  selected,
  onSelect,
  onAddColumn,
  edits,
}: {
  doc: DesignDoc;
  section: LayoutSection;
  selected: FieldAt | undefined;
  onSelect: (at: FieldAt) => void;
  onAddColumn: AddColumnFn;
  edits: EditStore;
}) {
  const { t, lang } = useWords();
  const { setNodeRef, isOver } = useDroppable({
    id: `section:${section.key}`,
    data: { section: section.key },
  });
  const fields = useMemo(() => {
    const byKey = new Map(doc.form.fields.map((f) => [f.key, f]));
    return section.fields.map((k) => byKey.get(k)).filter((f): f is FieldDef => f !== undefined);
  }, [doc.form.fields, section.fields]);
  // The same ids while the order stays, so typing a label does not re-render every sortable.
  const ids = fields.map((f) => `field:${f.key}`).join('\n');
  const items = useMemo(() => (ids === '' ? [] : ids.split('\n')), [ids]);
  const title =
    typeof section.title === 'string'
      ? { zh: section.title, en: section.title }
      : { zh: section.title.zh ?? '', en: section.title.en ?? '' };
  const edit = (recipe: (s: LayoutSection) => void, merge?: string) =>
    edits.getState().edit((d) => {
      const s = d.layout.sections.find((x) => x.key === section.key);
      if (s) recipe(s);
    }, merge);
  return (
    <section
      className={`canvas-section${isOver ? ' over' : ''}`}
      data-testid={`section-${section.key}`}
      onBlur={() => edits.getState().seal()}
    >
      <header className="row">
        <input
          aria-label={`${t('sectionTitle')} ${lang === 'en' ? 'English' : '中文'}`}
          value={lang === 'en' ? title.en : title.zh}
          onChange={(e) =>
            edit(
              (s) => void (s.title = { ...title, [lang === 'en' ? 'en' : 'zh']: e.target.value }),
              `section:${section.key}:title`,
            )
          }
        />
        <select
          aria-label={t('columns')}
          value={section.columns}
          onChange={(e) => edit((s) => void (s.columns = e.target.value === '2' ? 2 : 1))}
          data-testid={`section-columns-${section.key}`}
        >
          <option value="1">{t('oneColumn')}</option>
          <option value="2">{t('twoColumns')}</option>
        </select>
      </header>
      <SortableContext id={`section:${section.key}`} items={items} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className={`canvas-fields columns-${section.columns}`}>
          {fields.map((f, i) => (
            <CanvasField
              key={f.key}
              eager={i < EAGER_FIELDS}
              field={f}
              section={section.key}
              isSelected={selected?.field === f.key && selected.column === undefined}
              selectedColumn={selected?.field === f.key ? selected.column : undefined}
              onSelect={onSelect}
              onAddColumn={onAddColumn}
            />
          ))}
        </ul>
      </SortableContext>
    </section>
  );
}

/** Where a drop over `overId` puts things: a section index, or a table's columns. */
function dropPlace(doc: DesignDoc, overId: string): Place | undefined {
  const [kind, a, b] = overId.split(':');
  if (kind === 'section') {
    const section = doc.layout.sections.find((s) => s.key === a);
    return section ? { section: section.key, index: section.fields.length } : undefined;
  }
  if (kind === 'field') {
    const section = doc.layout.sections.find((s) => s.fields.includes(a!));
    return section ? { section: section.key, index: section.fields.indexOf(a!) } : undefined;
  }
  if (kind === 'columns') {
    const table = doc.form.fields.find((f) => f.key === a);
    return table ? { table: table.key, index: table.columns?.length ?? 0 } : undefined;
  }
  if (kind === 'column') {
    const table = doc.form.fields.find((f) => f.key === a);
    return table ? { table: table.key, index: table.columns?.findIndex((c) => c.key === b) ?? 0 } : undefined;
  }
  return undefined;
}

/**
 * Memoized: the page renders again when the property panel catches up with a selection (a deferred
 * render) or the save state changes, and the canvas of a long form need not follow.
 */
export const FormCanvas = memo(function FormCanvas({
  edits,
  doc,
  selected,
  onSelect,
}: {
  edits: EditStore;
  doc: DesignDoc;
  selected: FieldAt | undefined;
  onSelect: (at: FieldAt | undefined) => void;
}) {
  const { t, lang } = useWords();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const types = describeFieldTypes();
  // Stable callbacks reading the document when called, so memoized fields keep their props.
  const add = useCallback(
    (type: string, place: Place) => {
      const d = TYPES.get(type);
      if (!d || ('table' in place && type === 'table')) return;
      const field = newField(type as FieldType, edits.getState().doc.form, {
        zh: d.label.zh,
        en: d.label.en,
      });
      edits.getState().edit((draft) => addField(draft, field, place));
      onSelect('table' in place ? { field: place.table, column: field.key } : { field: field.key });
    },
    [edits, onSelect],
  );
  const addColumn: AddColumnFn = useCallback(
    (table, type) =>
      add(type, {
        table,
        index: edits.getState().doc.form.fields.find((f) => f.key === table)?.columns?.length ?? 0,
      }),
    [add, edits],
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const id = String(active.id);
    const place = dropPlace(doc, String(over.id));
    if (!place) return;
    if (id.startsWith('palette:')) return add(id.slice('palette:'.length), place);
    if (id.startsWith('field:') && 'section' in place) {
      const key = id.slice('field:'.length);
      edits.getState().edit((draft) => moveField(draft, key, place));
    }
    if (id.startsWith('column:') && 'table' in place) {
      const [, table, key] = id.split(':');
      if (table === place.table)
        edits
          .getState()
          .edit((draft) =>
            moveColumn(draft, table, key!, place.index + (String(over.id).startsWith('column:') ? 1 : 0)),
          );
    }
  };
  const last = doc.layout.sections[doc.layout.sections.length - 1];
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <aside className="palette" aria-label={t('palette')}>
        <h2>{t('palette')}</h2>
        <p className="muted small">{t('paletteHelp')}</p>
        <ul>
          {types.map((d) => (
            <PaletteEntry
              key={d.type}
              type={d.type}
              icon={d.icon}
              label={loc(d.label, lang)}
              onAdd={() => {
                const table = selected?.column !== undefined ? selected.field : undefined;
                if (table && d.type !== 'table')
                  add(d.type, {
                    table,
                    index: doc.form.fields.find((f) => f.key === table)?.columns?.length ?? 0,
                  });
                else if (last) add(d.type, { section: last.key, index: last.fields.length });
              }}
            />
          ))}
        </ul>
      </aside>
      <div
        className="canvas"
        aria-label={t('canvas')}
        data-testid="form-canvas"
        // A click beside every field selects none: the panel shows the form's own settings.
        onClick={(e) => e.target === e.currentTarget && onSelect(undefined)}
      >
        {doc.layout.sections.map((s) => (
          <Section
            key={s.key}
            doc={doc}
            section={s}
            selected={selected}
            onSelect={onSelect}
            onAddColumn={addColumn}
            edits={edits}
          />
        ))}
        <button
          type="button"
          onClick={() => edits.getState().edit((d) => addSection(d, { zh: '新分组', en: 'New section' }))}
          data-testid="add-section"
        >
          {t('addSection')}
        </button>
      </div>
    </DndContext>
  );
});
