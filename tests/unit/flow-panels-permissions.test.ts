/**
 * The flow designer's permission matrix: each cell (hidden, visible, editable, required) of a
 * field at a task node is written into the engine's own lists, consistently, and whole rows,
 * columns and the default for fields added later are set at once.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { FlowDef } from '../../engine/definition/types.js';
import {
  canHide,
  cellOf,
  flowNewFieldDefault,
  hiddenToday,
  setCell,
  setColumn,
  setFlowNewFieldDefault,
  setRow,
} from '../../designer/src/flow-designer/panels/permission-ops.js';

const FIELDS = ['title', 'amount', 'note', 'items'];

const flow = (): FlowDef => ({
  key: 'approval',
  name: 'Approval',
  form: 'request',
  trigger: { on: 'record.created' },
  start: 'review',
  nodes: {
    review: {
      type: 'task',
      assignee: { role: 'manager' },
      fields: { visible: ['title', 'amount'], editable: ['note'], required: ['note'] },
      next: 'pay',
    },
    pay: { type: 'task', assignee: { role: 'finance' }, next: 'done' },
    done: { type: 'end' },
  },
});

const edit = (recipe: (f: FlowDef) => void): FlowDef => produce(flow(), recipe);

describe('reading a cell', () => {
  it('follows the engine: required implies editable implies visible; no list shows everything', () => {
    const f = flow();
    expect(FIELDS.map((k) => cellOf(f.nodes.review as never, k))).toEqual([
      'visible',
      'visible',
      'required',
      'hidden',
    ]);
    expect(FIELDS.map((k) => cellOf(f.nodes.pay as never, k))).toEqual([
      'visible',
      'visible',
      'visible',
      'visible',
    ]);
  });
});

describe('setting a cell', () => {
  it('keeps required ⊆ editable ⊆ visible in the stored lists', () => {
    const f = edit((d) => void setCell(d.nodes.review as never, 'items', 'required'));
    expect(f.nodes.review).toMatchObject({
      fields: {
        visible: ['title', 'amount', 'note', 'items'],
        editable: ['note', 'items'],
        required: ['note', 'items'],
      },
    });
  });

  it('steps a field down: required → visible removes it from editable and required', () => {
    const f = edit((d) => void setCell(d.nodes.review as never, 'note', 'visible'));
    expect((f.nodes.review as { fields: unknown }).fields).toEqual({ visible: ['title', 'amount', 'note'] });
    expect(cellOf(f.nodes.review as never, 'note')).toBe('visible');
  });

  it('hides a field at a node that lists what it shows', () => {
    const f = edit((d) => void setCell(d.nodes.review as never, 'note', 'hidden'));
    expect(cellOf(f.nodes.review as never, 'note')).toBe('hidden');
    expect((f.nodes.review as { fields: unknown }).fields).toEqual({ visible: ['title', 'amount'] });
  });

  it('refuses to hide at a node that shows every field (and fields added later)', () => {
    const f = flow();
    expect(canHide(f.nodes.pay as never)).toBe(false);
    let refused = false;
    const after = produce(f, (d) => {
      refused = !setCell(d.nodes.pay as never, 'title', 'hidden');
    });
    expect(refused).toBe(true);
    expect(after).toBe(f);
  });

  it('makes a field editable at a node without lists without giving it a visible list', () => {
    const f = edit((d) => void setCell(d.nodes.pay as never, 'amount', 'editable'));
    expect((f.nodes.pay as { fields: unknown }).fields).toEqual({ editable: ['amount'] });
  });
});

describe('a whole row or column', () => {
  it('sets one field at every task node and names the nodes that could not take it', () => {
    let refused: string[] = [];
    const f = edit((d) => {
      refused = setRow(d, 'amount', 'hidden');
    });
    expect(refused).toEqual(['pay']);
    expect(cellOf(f.nodes.review as never, 'amount')).toBe('hidden');
    const g = edit((d) => void setRow(d, 'amount', 'required'));
    expect(cellOf(g.nodes.review as never, 'amount')).toBe('required');
    expect(cellOf(g.nodes.pay as never, 'amount')).toBe('required');
  });

  it('sets every field at one node', () => {
    const f = edit((d) => void setColumn(d.nodes.review as never, FIELDS, 'editable'));
    expect(FIELDS.map((k) => cellOf(f.nodes.review as never, k))).toEqual([
      'editable',
      'editable',
      'editable',
      'editable',
    ]);
    const g = edit((d) => void setColumn(d.nodes.review as never, FIELDS, 'hidden'));
    expect((g.nodes.review as { fields: unknown }).fields).toEqual({ visible: [] });
  });
});

describe('the default for fields added later', () => {
  it('is mixed while the nodes differ, and set for the whole flow at once', () => {
    expect(flowNewFieldDefault(flow())).toBe('mixed');
    const hidden = edit((d) => setFlowNewFieldDefault(d, FIELDS, 'hidden'));
    expect(flowNewFieldDefault(hidden)).toBe('hidden');
    // Nothing visible today disappears: the node that showed everything now lists everything.
    expect((hidden.nodes.pay as { fields: unknown }).fields).toEqual({ visible: FIELDS });
    expect(hidden.nodes.review).toEqual(flow().nodes.review);
  });

  it('says which hidden fields a switch to "visible" would show, then drops the lists', () => {
    expect(hiddenToday(flow(), FIELDS)).toEqual([['review', 'items']]);
    const visible = edit((d) => setFlowNewFieldDefault(d, FIELDS, 'visible'));
    expect(flowNewFieldDefault(visible)).toBe('visible');
    expect((visible.nodes.review as { fields: unknown }).fields).toEqual({
      editable: ['note'],
      required: ['note'],
    });
  });
});
