/**
 * A task step added on the flow canvas must not show internal fields by default. The engine shows
 * a step without a `visible` list every field, so a new step starts with the fields the record's
 * creator fills in (the engine's creation set) and the record's number, edits nothing, and hides
 * fields added later; the permission matrix shows it that way at once.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { normalizeFieldPermissions } from '../../engine/definition/field-permissions.js';
import type { EventNode, FlowDef, FormDef, TaskNode } from '../../engine/definition/types.js';
import { writeAt } from '../../designer/src/flow-designer/panels/node-paths.js';
import { insertOnEdge, newNode } from '../../designer/src/flow-designer/flow-ops.js';
import {
  cellOf,
  fallbackStartingFields,
  flowNewFieldDefault,
  hasStartingFields,
  newFieldDefault,
  setCell,
  setFlowNewFieldDefault,
  startingFields,
} from '../../designer/src/flow-designer/panels/permission-ops.js';

const label = (en: string) => ({ zh: en, en });
const form = (access?: FormDef['access']): FormDef => ({
  key: 'repair',
  name: label('Repair'),
  fields: [
    { key: 'no', type: 'autonumber', label: label('No.') } as FormDef['fields'][number],
    { key: 'device', type: 'text', label: label('Device') },
    { key: 'fault', type: 'textarea', label: label('Fault') } as FormDef['fields'][number],
    { key: 'qa_note', type: 'textarea', label: label('QA note') } as FormDef['fields'][number],
    { key: 'total', type: 'number', label: label('Total'), formula: { '*': [2, 3] } },
  ],
  ...(access ? { access } : {}),
});

const flow = (): FlowDef => ({
  key: 'repair',
  name: label('Repair'),
  form: 'repair',
  trigger: { on: 'record.created' },
  start: 'qa',
  nodes: {
    qa: { type: 'task', assignee: { role: 'qa' }, fields: { editable: ['qa_note'] }, next: 'done' },
    done: { type: 'end' },
  },
});

const NAME = { zh: '新任务', en: 'New task' };

function addTask(f: FlowDef, fm: FormDef | undefined): FlowDef {
  return produce(f, (d) => {
    insertOnEdge(
      d,
      { source: 'qa', ref: 'next' },
      'task',
      newNode('task', 'done', 'repair', NAME, startingFields(fm, d)),
    );
  });
}

describe('a task added on the canvas', () => {
  it("shows the creator's fields and the number, not the internal QA note, and edits nothing", () => {
    const added = addTask(flow(), form()).nodes.task as TaskNode;
    const p = normalizeFieldPermissions(added.fields);
    expect(p.visible).toEqual(['no', 'device', 'fault']);
    expect(p.editable).toEqual([]);
    expect(cellOf(added, 'qa_note')).toBe('hidden');
    expect(cellOf(added, 'device')).toBe('visible');
  });

  it("follows the form's staff creation entry when the form declares access", () => {
    const fm = form([{ roles: ['customer'], create: ['device', 'fault'] }, { create: ['device'] }]);
    expect(startingFields(fm, flow())).toEqual({ visible: ['no', 'device'] });
  });

  it('shows nothing rather than everything when the form is missing or none is given', () => {
    expect(startingFields(undefined, flow())).toEqual({ visible: [] });
    const bare = newNode('task', 'done', 'repair', NAME) as TaskNode;
    expect(bare.fields).toEqual({ visible: [] });
    expect(cellOf(bare, 'qa_note')).toBe('hidden');
  });

  it('hides fields added later, and the matrix reads the flow default accordingly', () => {
    const added = addTask(flow(), form());
    expect(newFieldDefault(added.nodes.task as TaskNode)).toBe('hidden');
    // qa shows everything, the new step hides what it does not list: the matrix says "mixed".
    expect(flowNewFieldDefault(added)).toBe('mixed');
    // Choosing "hidden" for the whole flow keeps the new step's safe list as it is.
    const keys = form().fields.map((f) => f.key);
    const hidden = produce(added, (d) => setFlowNewFieldDefault(d, keys, 'hidden'));
    expect((hidden.nodes.task as TaskNode).fields).toEqual({ visible: ['no', 'device', 'fault'] });
    expect(flowNewFieldDefault(hidden)).toBe('hidden');
  });

  it('its panel says it still has the starting set until the designer widens it', () => {
    const fm = form();
    const added = addTask(flow(), fm);
    expect(hasStartingFields(added.nodes.task as TaskNode, fm, added)).toBe(true);
    const widened = produce(added, (d) => void setCell(d.nodes.task as TaskNode, 'qa_note', 'visible'));
    expect(hasStartingFields(widened.nodes.task as TaskNode, fm, widened)).toBe(false);
    expect(hasStartingFields(added.nodes.qa as TaskNode, fm, added)).toBe(false);
  });
});

describe("an event node's fallback task", () => {
  const withEvent = (fallback?: EventNode['fallback']): FlowDef =>
    produce(flow(), (d) => {
      d.nodes.wait = { type: 'event', name: 'repair.paid', next: 'done', ...(fallback ? { fallback } : {}) };
    });
  /** One panel edit as the panel makes it: the property written, then the fallback's fields. */
  const set = (f: FlowDef, path: string, value: unknown, fm = form()): FlowDef =>
    produce(f, (d) => {
      const node = d.nodes.wait!;
      const had = node.type === 'event' && node.fallback !== undefined;
      writeAt(node, path, value);
      fallbackStartingFields(node, had, fm, d);
    });

  it('starts with the same safe fields as a new task when its first property is set', () => {
    const f = set(withEvent(), '/fallback/assignee', [{ role: 'qa' }]);
    const fallback = (f.nodes.wait as EventNode).fallback!;
    expect(fallback).toEqual({ assignee: [{ role: 'qa' }], fields: { visible: ['no', 'device', 'fault'] } });
    expect(cellOf(fallback, 'qa_note')).toBe('hidden');
  });

  it('keeps the lists the designer chose, and goes when all else is cleared', () => {
    const chosen = withEvent({ assignee: [{ role: 'qa' }], fields: { visible: ['qa_note'] } });
    const named = set(chosen, '/fallback/name', { zh: '人工确认', en: 'Confirm' });
    expect((named.nodes.wait as EventNode).fallback!.fields).toEqual({ visible: ['qa_note'] });
    const started = set(withEvent(), '/fallback/assignee', [{ role: 'qa' }]);
    expect((set(started, '/fallback/assignee', []).nodes.wait as EventNode).fallback).toBeUndefined();
  });
});
