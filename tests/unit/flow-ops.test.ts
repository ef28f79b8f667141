/**
 * The flow designer's edits of a flow definition: transitions read as the engine reads them, a
 * node put on a transition, a node deleted either joining its single path up or with the nodes
 * only it led to (named before anything goes, never a path left pointing nowhere), nodes copied
 * and pasted under fresh keys, and the automatic layout that ranks forward paths and tells loops
 * and return paths apart as back edges.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDef } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import {
  connectPasted,
  copyNodes,
  deletePlan,
  deleteReconnecting,
  deleteSubtree,
  flowEdges,
  freeName,
  insertOnEdge,
  newNode,
  pasteNodes,
} from '../../designer/src/flow-designer/flow-ops.js';
import { backEdges, edgeKey, layoutFlow, NODE_HEIGHT } from '../../designer/src/flow-designer/flow-layout.js';

const name = { zh: '节点', en: 'Node' };
const flow = (): FlowDef => ({
  key: 'claim',
  name: 'Claim',
  form: 'claim',
  trigger: { on: 'record.created' },
  start: 'review',
  nodes: {
    review: {
      type: 'task',
      assignee: { role: 'clerk' },
      actions: ['approve', 'reject'],
      onApprove: 'route',
      onReject: 'rejected',
    },
    route: {
      type: 'branch',
      cases: [{ when: { '>': [{ var: 'amount' }, 100] }, next: 'approve' }],
      default: 'pay',
    },
    approve: {
      type: 'task',
      assignee: { role: 'boss' },
      actions: ['approve', 'return'],
      returnTo: ['review'],
      onApprove: 'pay',
      onReject: 'review',
    },
    pay: { type: 'notify', to: [{ submitter: true }], channel: 'inapp', template: 'Paid', next: 'done' },
    done: { type: 'end', outcome: 'paid' },
    rejected: { type: 'end', outcome: 'rejected' },
  },
});

const bundle = (f: FlowDef) => ({
  format: 'flowcase/app@1',
  key: 'claims',
  name: 'Claims',
  version: 1,
  roles: [
    { key: 'clerk', name: 'Clerk' },
    { key: 'boss', name: 'Boss' },
  ],
  forms: [{ key: 'claim', name: 'Claim', fields: [{ key: 'amount', type: 'number', label: 'Amount' }] }],
  flows: [f],
  dashboards: [],
});

describe('flow edits', () => {
  it('reads every transition with where its reference sits', () => {
    expect(flowEdges(flow()).map((e) => `${e.source}.${e.ref}→${e.target}:${e.kind}`)).toEqual([
      'review.onApprove→route:forward',
      'review.onReject→rejected:forward',
      'route.default→pay:forward',
      'route.cases/0/next→approve:forward',
      'approve.onApprove→pay:forward',
      'approve.onReject→review:forward',
      'approve.returnTo/0→review:return',
      'pay.next→done:forward',
    ]);
  });

  it('puts a new node on a transition, leading on to its old target', () => {
    const f = flow();
    insertOnEdge(
      f,
      { source: 'route', ref: 'cases/0/next' },
      'check',
      newNode('task', 'approve', 'claim', name),
    );
    expect(f.nodes.route).toMatchObject({ cases: [{ next: 'check' }], default: 'pay' });
    expect(f.nodes.check).toMatchObject({ type: 'task', next: 'approve' });
    expect(validateBundle(bundle(f)).filter((p) => p.severity !== 'warning')).toEqual([]);
  });

  it('every kind put on a transition leaves the flow connected', () => {
    for (const type of [
      'task',
      'branch',
      'parallel',
      'join',
      'notify',
      'record',
      'wait',
      'event',
      'webhook',
    ]) {
      const f = flow();
      insertOnEdge(f, { source: 'pay', ref: 'next' }, 'added', newNode(type, 'done', 'claim', name));
      expect(
        flowEdges(f).some((e) => e.source === 'added' && e.target === 'done'),
        type,
      ).toBe(true);
      expect(f.nodes.pay).toMatchObject({ next: 'added' });
    }
  });

  it('deleting a node with one way on can join its path up', () => {
    const f = flow();
    // Deleting its subtree instead would take `done` too: only `pay` leads there.
    expect(deletePlan(f, 'pay')).toEqual({ node: 'pay', reconnectTo: 'done', subtree: ['pay', 'done'] });
    deleteReconnecting(f, 'pay');
    expect(f.nodes.pay).toBeUndefined();
    expect(f.nodes.route).toMatchObject({ default: 'done' });
    expect(f.nodes.approve).toMatchObject({ onApprove: 'done' });
    expect(validateBundle(bundle(f)).filter((p) => p.severity !== 'warning')).toEqual([]);
  });

  it('a node with several ways on lists the nodes only it leads to, and deletes exactly those', () => {
    const f = flow();
    const plan = deletePlan(f, 'route');
    expect(plan.reconnectTo).toBeUndefined();
    // `pay` and `done` are reached only through the branch; `review` is the start, `rejected` its own path.
    expect(plan.subtree).toEqual(['route', 'approve', 'pay', 'done']);
    const end = deleteSubtree(f, 'route', { zh: '结束', en: 'End' });
    expect(Object.keys(f.nodes).sort()).toEqual(['rejected', 'review', 'route_end']);
    expect(end).toBe('route_end');
    // The approval that led into the branch now ends the case instead of pointing nowhere.
    expect(f.nodes.review).toMatchObject({ onApprove: 'route_end' });
    expect(validateBundle(bundle(f)).filter((p) => p.severity !== 'warning')).toEqual([]);
  });

  it('deleting a branch target drops that case rather than leaving it dangling', () => {
    const f = flow();
    expect(deletePlan(f, 'approve').subtree).toEqual(['approve']);
    deleteSubtree(f, 'approve', name);
    expect(f.nodes.route).toMatchObject({ cases: [], default: 'pay' });
  });

  it('deleting the start node by reconnecting starts the flow at the next one', () => {
    const f = flow();
    f.start = 'pay';
    deleteReconnecting(f, 'pay');
    expect(f.start).toBe('done');
  });

  it('refuses to reconnect a node with several ways on', () => {
    expect(() => deleteReconnecting(flow(), 'review')).toThrow(/no single way on/);
  });

  it('pastes copies under fresh keys, transitions between copies following them', () => {
    const f = flow();
    const keys = pasteNodes(f, copyNodes(f, ['pay', 'done']));
    expect(keys).toEqual({ pay: 'pay_copy', done: 'done_copy' });
    expect(f.nodes.pay_copy).toMatchObject({ type: 'notify', next: 'done_copy' });
    expect(f.nodes.done_copy).toMatchObject({ type: 'end', outcome: 'paid' });
    // A second paste takes other keys; the copied review still returns to the original.
    const again = pasteNodes(f, copyNodes(f, ['approve']));
    expect(again).toEqual({ approve: 'approve_copy' });
    expect(f.nodes.approve_copy).toMatchObject({ returnTo: ['review'], onApprove: 'pay' });
    expect(pasteNodes(f, copyNodes(f, ['pay']))).toEqual({ pay: 'pay_copy_2' });
    // Copies are named apart from their originals.
    const named = flow();
    named.nodes.pay = {
      ...named.nodes.pay,
      name: { zh: '付款通知', en: 'Paid notice' },
    } as FlowDef['nodes'][string];
    pasteNodes(named, copyNodes(named, ['pay']));
    pasteNodes(named, copyNodes(named, ['pay']));
    expect(named.nodes.pay_copy!.name).toEqual({ zh: '付款通知 2', en: 'Paid notice 2' });
    expect(named.nodes.pay_copy_2!.name).toEqual({ zh: '付款通知 3', en: 'Paid notice 3' });
  });

  it('names new nodes apart: 新人工任务, 新人工任务 2, …', () => {
    const f = flow();
    const base = { zh: '新人工任务', en: 'New task' };
    expect(freeName(f, base)).toEqual(base);
    f.nodes.review = { ...f.nodes.review, name: base } as FlowDef['nodes'][string];
    expect(freeName(f, base)).toEqual({ zh: '新人工任务 2', en: 'New task 2' });
    f.nodes.approve = {
      ...f.nodes.approve,
      name: { zh: '新人工任务 2', en: 'Check' },
    } as FlowDef['nodes'][string];
    expect(freeName(f, base)).toEqual({ zh: '新人工任务 3', en: 'New task 3' });
    // An event node is read by its title.
    f.nodes.wait = { type: 'event', name: 'paid', title: { zh: '新事件', en: 'New event' }, next: 'done' };
    expect(freeName(f, { zh: '新事件', en: 'New event' })).toEqual({ zh: '新事件 2', en: 'New event 2' });
  });

  it('puts pasted copies with one way in on a transition, as a node added there', () => {
    // A notice pasted after the review: review → copy → what the review led to.
    const f = flow();
    const one = pasteNodes(f, copyNodes(f, ['pay']));
    expect(connectPasted(f, one, { source: 'review', ref: 'onApprove' })).toBe(true);
    expect(f.nodes.review).toMatchObject({ onApprove: 'pay_copy' });
    expect(f.nodes.pay_copy).toMatchObject({ next: 'route' });
    expect(validateBundle(bundle(f))).toEqual([]);

    // Two copies keep the transition between them and go in by the first; the last leads on.
    const g = flow();
    g.nodes.note = {
      type: 'notify',
      to: [{ submitter: true }],
      channel: 'inapp',
      template: 'Note',
      next: 'pay',
    };
    g.nodes.route = { ...g.nodes.route, default: 'note' } as FlowDef['nodes'][string];
    const two = pasteNodes(g, copyNodes(g, ['note', 'pay']));
    expect(connectPasted(g, two, { source: 'route', ref: 'cases/0/next' })).toBe(true);
    expect(g.nodes.route).toMatchObject({ cases: [{ next: 'note_copy' }] });
    expect(g.nodes.note_copy).toMatchObject({ next: 'pay_copy' });
    expect(g.nodes.pay_copy).toMatchObject({ next: 'approve' });
    expect(validateBundle(bundle(g))).toEqual([]);

    // An approval with two ways out keeps both; copies with no single way in stay loose.
    const h = flow();
    const task = pasteNodes(h, copyNodes(h, ['approve']));
    expect(connectPasted(h, task, { source: 'route', ref: 'default' })).toBe(true);
    expect(h.nodes.route).toMatchObject({ default: 'approve_copy' });
    expect(h.nodes.approve_copy).toMatchObject({ onApprove: 'pay', onReject: 'review' });
    const loose = pasteNodes(h, copyNodes(h, ['done', 'rejected']));
    expect(connectPasted(h, loose, { source: 'pay', ref: 'next' })).toBe(false);
    expect(h.nodes.pay).toMatchObject({ next: 'done' });
  });
});

describe('flow layout', () => {
  it('tells return paths and loops apart and ranks forward paths top to bottom', () => {
    const f = flow();
    const edges = flowEdges(f);
    const back = backEdges(f, edges);
    expect([...back].sort()).toEqual(['approve|onReject', 'approve|returnTo/0']);
    const at = layoutFlow(f, edges, back);
    expect(at.review!.y).toBeLessThan(at.route!.y);
    expect(at.route!.y).toBeLessThan(at.approve!.y);
    expect(at.approve!.y).toBeLessThan(at.pay!.y);
    expect(at.pay!.y + NODE_HEIGHT).toBeLessThanOrEqual(at.done!.y);
    // The branch's two ways sit side by side below it.
    expect(at.approve!.x).not.toBe(at.rejected!.x);
    expect(edgeKey({ source: 'a', ref: 'next' })).toBe('a|next');
  });

  it('places parallel paths beside each other above their join', () => {
    const f: FlowDef = {
      key: 'p',
      name: 'P',
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'split',
      nodes: {
        split: { type: 'parallel', branches: ['a', 'b'] },
        a: { type: 'task', assignee: { role: 'clerk' }, next: 'join' },
        b: { type: 'task', assignee: { role: 'boss' }, next: 'join' },
        join: { type: 'join', next: 'end' },
        end: { type: 'end' },
      },
    };
    const edges = flowEdges(f);
    const at = layoutFlow(f, edges, backEdges(f, edges));
    expect(at.a!.y).toBe(at.b!.y);
    expect(at.a!.x).not.toBe(at.b!.x);
    expect(at.join!.y).toBeGreaterThan(at.a!.y);
  });
});
