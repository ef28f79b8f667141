/**
 * The fields × task nodes permission matrix as operations on the engine's own lists
 * (`fields.visible/editable/required` of a task node, read through `normalizeFieldPermissions`).
 * A cell is one of hidden / visible (read only) / editable / required, and every write keeps
 * `required ⊆ editable ⊆ visible` so the validator has nothing to warn about.
 *
 * Fields added to the form later: the engine shows every field at a node without a `visible`
 * list and hides, at a node with one, whatever it does not name. That is the "default for new
 * fields", per node, and the matrix sets it for the whole flow at once (`setFlowNewFieldDefault`).
 * A node that shows new fields has no list to leave a field out of, so "hidden" is not a choice
 * there (`canHide`); the engine has no column-level permissions, so a table is one row.
 */
import type { Draft } from 'immer';
import { normalizeFieldPermissions } from '../../../../engine/definition/field-permissions.js';
import { creationFields } from '../../../../engine/definition/form-access.js';
import type {
  FieldPermissions,
  FlowDef,
  FormDef,
  NodeDef,
  TaskNode,
} from '../../../../engine/definition/types.js';

export type Cell = 'hidden' | 'visible' | 'editable' | 'required';
export const CELLS: readonly Cell[] = ['hidden', 'visible', 'editable', 'required'];

export type NewFieldDefault = 'hidden' | 'visible';

type TaskLike = Pick<TaskNode, 'fields'>;

/** The task nodes of a flow, in the flow's order. */
export function taskNodes(flow: { nodes: Record<string, NodeDef> }): [string, TaskNode][] {
  return Object.entries(flow.nodes).filter((e): e is [string, TaskNode] => e[1].type === 'task');
}

export function cellOf(node: TaskLike, field: string): Cell {
  const p = normalizeFieldPermissions(node.fields);
  if (p.required.includes(field)) return 'required';
  if (p.editable.includes(field)) return 'editable';
  if (!p.visible || p.visible.includes(field)) return 'visible';
  return 'hidden';
}

/** Whether new fields show at this node (it has no `visible` list) or stay hidden. */
export function newFieldDefault(node: TaskLike): NewFieldDefault {
  return node.fields?.visible ? 'hidden' : 'visible';
}

/** A cell may be hidden only at a node that lists what it shows. */
export function canHide(node: TaskLike): boolean {
  return newFieldDefault(node) === 'hidden';
}

/** A fresh copy of a draft's lists: the engine caches per object, and a draft changes under it. */
function copyOf(fields: FieldPermissions | undefined): FieldPermissions | undefined {
  if (!fields) return undefined;
  const out: FieldPermissions = {};
  if (fields.visible) out.visible = [...fields.visible];
  if (fields.editable) out.editable = [...fields.editable];
  if (fields.required) out.required = [...fields.required];
  return out;
}

function without(list: string[] | undefined, field: string): string[] | undefined {
  return list?.filter((k) => k !== field);
}

function withField(list: string[] | undefined, field: string): string[] {
  const out = list ? [...list] : [];
  if (!out.includes(field)) out.push(field);
  return out;
}

/** Writes lists back, dropping empty ones (an empty `visible` is kept: it means "shows nothing"). */
function store(node: Draft<TaskLike>, next: FieldPermissions): void {
  const fields: FieldPermissions = {};
  if (next.visible) fields.visible = next.visible;
  if (next.editable?.length) fields.editable = next.editable;
  if (next.required?.length) fields.required = next.required;
  if (Object.keys(fields).length === 0) delete node.fields;
  else node.fields = fields;
}

/**
 * Sets one cell; returns false (and changes nothing) for "hidden" at a node that shows every
 * field. The lists are made consistent on the way: whatever the node names is also in the
 * broader lists.
 */
export function setCell(node: Draft<TaskLike>, field: string, cell: Cell): boolean {
  if (cell === 'hidden' && !canHide(node)) return false;
  const current = normalizeFieldPermissions(copyOf(node.fields));
  let visible = current.visible ? [...current.visible] : undefined;
  let editable: string[] | undefined = [...current.editable];
  let required: string[] | undefined = [...current.required];
  required = without(required, field);
  editable = without(editable, field);
  if (cell === 'hidden') visible = without(visible, field);
  else if (visible) visible = withField(visible, field);
  if (cell === 'editable' || cell === 'required') editable = withField(editable, field);
  if (cell === 'required') required = withField(required, field);
  store(node, { visible, editable, required });
  return true;
}

/** One field at every task node of the flow; returns the nodes that could not take it. */
export function setRow(flow: Draft<FlowDef>, field: string, cell: Cell): string[] {
  const refused: string[] = [];
  for (const [id, node] of Object.entries(flow.nodes))
    if (node.type === 'task' && !setCell(node, field, cell)) refused.push(id);
  return refused;
}

/** Every field at one node; false when "hidden" is refused there. */
export function setColumn(node: Draft<TaskLike>, fields: readonly string[], cell: Cell): boolean {
  if (cell === 'hidden' && !canHide(node)) return false;
  for (const field of fields) setCell(node, field, cell);
  return true;
}

/**
 * Whether fields added later show at this node. To "hidden": the node lists what it shows now
 * (every field, when it had no list), so nothing visible today disappears. To "visible": the list
 * goes, so fields it hid become visible (read only); the caller says so before.
 */
export function setNewFieldDefault(
  node: Draft<TaskLike>,
  fields: readonly string[],
  to: NewFieldDefault,
): void {
  const current = normalizeFieldPermissions(copyOf(node.fields));
  if (to === 'hidden') {
    if (current.visible) return;
    store(node, { visible: [...fields], editable: [...current.editable], required: [...current.required] });
  } else {
    store(node, { editable: [...current.editable], required: [...current.required] });
  }
}

/** The flow's choice, or "mixed" while its task nodes differ (none: "visible", the engine's). */
export function flowNewFieldDefault(flow: { nodes: Record<string, NodeDef> }): NewFieldDefault | 'mixed' {
  const defaults = new Set(taskNodes(flow).map(([, n]) => newFieldDefault(n)));
  if (defaults.size > 1) return 'mixed';
  return defaults.has('hidden') ? 'hidden' : 'visible';
}

export function setFlowNewFieldDefault(
  flow: Draft<FlowDef>,
  fields: readonly string[],
  to: NewFieldDefault,
): void {
  for (const node of Object.values(flow.nodes))
    if (node.type === 'task') setNewFieldDefault(node, fields, to);
}

/** Fields a switch to "visible" would show at nodes that hide them today: `[node, field][]`. */
export function hiddenToday(
  flow: { nodes: Record<string, NodeDef> },
  fields: readonly string[],
): [string, string][] {
  const out: [string, string][] = [];
  for (const [id, node] of taskNodes(flow))
    for (const field of fields) if (cellOf(node, field) === 'hidden') out.push([id, field]);
  return out;
}

/**
 * What a step added on the canvas starts with. The engine shows a step without a `visible` list
 * every field, so a new step would reveal internal fields (a QA note another step writes) to
 * whoever it is assigned to, a customer included. It starts instead with the fields the record's
 * creator fills in (the engine's creation set for staff, `creationFields`) and the record's
 * numbers, edits nothing, and hides fields added later; the designer widens it in the matrix.
 * Without the form it shows nothing rather than everything.
 */
export function startingFields(form: FormDef | undefined, flow: FlowDef): FieldPermissions {
  if (!form) return { visible: [] };
  const shown = new Set(creationFields(form, flow, [], true));
  for (const field of form.fields) if (field.type === 'autonumber') shown.add(field.key);
  return { visible: form.fields.filter((f) => shown.has(f.key)).map((f) => f.key) };
}

/**
 * An event node's staff fallback is a task too, and the engine shows one without field lists
 * every field: when an edit gives the node a fallback it had not (`had`), the fallback starts
 * with the same safe set as a task added on the canvas. A fallback left with nothing but that set
 * (its assignees and name cleared) goes with it, as an emptied property does.
 */
export function fallbackStartingFields(
  node: Draft<NodeDef>,
  had: boolean,
  form: FormDef | undefined,
  flow: FlowDef,
): void {
  if (node.type !== 'event' || !node.fallback) return;
  const fallback = node.fallback as Draft<{ fields?: FieldPermissions }>;
  if (!had && fallback.fields === undefined) fallback.fields = startingFields(form, flow);
  else if (Object.keys(fallback).length === 1 && hasStartingFields(fallback, form, flow))
    delete node.fallback;
}

/** Whether a step still has the lists it started with: its panel then says what they hide. */
export function hasStartingFields(node: TaskLike, form: FormDef | undefined, flow: FlowDef): boolean {
  const start = startingFields(form, flow);
  const fields = node.fields;
  return (
    fields?.visible !== undefined &&
    fields.editable === undefined &&
    fields.required === undefined &&
    fields.visible.length === start.visible!.length &&
    fields.visible.every((k, i) => k === start.visible![i])
  );
}
