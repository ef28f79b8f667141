/**
 * `diffBundles(a, b)`: what changed from bundle `a` to bundle `b`, as a flat list a designer's
 * publish summary and the version history can show: roles, the app's own properties, forms and
 * their fields (a changed type flagged), flows with their nodes (permission changes spelt out) and
 * transitions, dashboards and their widgets, the designer layout.
 *
 * Items are matched by key, never by position, so moving a field is no change. Either bundle may
 * be an invalid draft: everything is read defensively and what cannot be read counts as absent.
 * Values are carried (`before`/`after`) only when small, so the list stays cheap to send.
 */
import { pointerSegment } from '../errors.js';

export type BundleChangeKind =
  'app' | 'role' | 'form' | 'field' | 'flow' | 'node' | 'transition' | 'dashboard' | 'widget' | 'layout';

export interface PropertyChange {
  property: string;
  /** The old value, when its JSON is short (absent when it was not set or is long). */
  before?: unknown;
  after?: unknown;
}

/** Keys a task's field list (`visible`, `editable`, `required`, `backfill`) gained and lost. */
export interface ListChange {
  added: string[];
  removed: string[];
}

/** What changed in who may do what at a node. */
export interface PermissionChange {
  visible?: ListChange;
  editable?: ListChange;
  required?: ListChange;
  backfill?: ListChange;
  /** Who the task goes to, who is copied, which actions it offers, who may be escalated to. */
  assignee?: boolean;
  cc?: boolean;
  actions?: ListChange;
}

export interface BundleChange {
  kind: BundleChangeKind;
  change: 'added' | 'removed' | 'changed';
  /** JSON pointer of the item in `b` (in `a` when removed). */
  path: string;
  /** The item's key (a transition: the node it leaves). */
  key: string;
  form?: string;
  flow?: string;
  dashboard?: string;
  /** Changed properties, for `changed`. */
  properties?: PropertyChange[];
  /** A field whose type changed: its stored values are converted on publish. */
  typeChange?: { from: string; to: string };
  /** A node whose permissions changed. */
  permissions?: PermissionChange;
  /** Transitions: the property that holds the reference (`next`, `cases/0`, `outcomes/done`, …). */
  via?: string;
  /** The whole item (added, removed) or a transition's target, when small. */
  before?: unknown;
  after?: unknown;
}

/** Values longer than this as JSON are named but not carried. */
export const SMALL_VALUE_CHARS = 200;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const own = (value: unknown, property: string): unknown =>
  isObject(value) && Object.hasOwn(value, property) ? value[property] : undefined;

function small(value: unknown): { value?: unknown } {
  if (value === undefined) return {};
  const json = JSON.stringify(value);
  return json !== undefined && json.length <= SMALL_VALUE_CHARS ? { value } : {};
}

function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== typeof y || x === null || y === null || typeof x !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ys = y as unknown[];
    return x.length === ys.length && x.every((v, i) => same(v, ys[i]));
  }
  const xo = x as Obj;
  const yo = y as Obj;
  const keys = Object.keys(xo);
  return (
    keys.length === Object.keys(yo).length && keys.every((k) => Object.hasOwn(yo, k) && same(xo[k], yo[k]))
  );
}

/** The properties of two objects that differ, except `skip`, in a stable order. */
function changedProperties(a: unknown, b: unknown, skip: ReadonlySet<string> = new Set()): PropertyChange[] {
  const ao = isObject(a) ? a : {};
  const bo = isObject(b) ? b : {};
  const names = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].filter((n) => !skip.has(n)).sort();
  const out: PropertyChange[] = [];
  for (const property of names) {
    const before = Object.hasOwn(ao, property) ? ao[property] : undefined;
    const after = Object.hasOwn(bo, property) ? bo[property] : undefined;
    if (same(before, after)) continue;
    const b4 = small(before);
    const af = small(after);
    out.push({
      property,
      ...('value' in b4 ? { before: b4.value } : {}),
      ...('value' in af ? { after: af.value } : {}),
    });
  }
  return out;
}

interface Keyed {
  key: string;
  value: Obj;
  path: string;
}

/** Items of a list that are objects with a string key, first one per key, with their pointers. */
function keyedList(list: unknown, path: string): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  if (!Array.isArray(list)) return out;
  list.forEach((item, i) => {
    const key = own(item, 'key');
    if (isObject(item) && typeof key === 'string' && !out.has(key))
      out.set(key, { key, value: item, path: `${path}/${i}` });
  });
  return out;
}

/** Entries of an object map (a flow's nodes), with their pointers. */
function keyedMap(map: unknown, path: string): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  if (!isObject(map)) return out;
  for (const [key, value] of Object.entries(map))
    if (isObject(value)) out.set(key, { key, value, path: `${path}/${pointerSegment(key)}` });
  return out;
}

interface Pairing {
  added: Keyed[];
  removed: Keyed[];
  kept: [Keyed, Keyed][];
}

/** Matches items by key: `b`'s order for added and kept, `a`'s for removed. */
function pair(a: Map<string, Keyed>, b: Map<string, Keyed>): Pairing {
  const out: Pairing = { added: [], removed: [], kept: [] };
  for (const [key, item] of b) {
    const old = a.get(key);
    if (old) out.kept.push([old, item]);
    else out.added.push(item);
  }
  for (const [key, item] of a) if (!b.has(key)) out.removed.push(item);
  return out;
}

/** Added and removed entries of the three item kinds that carry the whole item when small. */
function addedRemoved(
  p: Pairing,
  kind: BundleChangeKind,
  parent: Partial<Pick<BundleChange, 'form' | 'flow' | 'dashboard'>>,
): BundleChange[] {
  const out: BundleChange[] = [];
  for (const item of p.added) {
    const v = small(item.value);
    out.push({
      kind,
      change: 'added',
      path: item.path,
      key: item.key,
      ...parent,
      ...('value' in v ? { after: v.value } : {}),
    });
  }
  for (const item of p.removed) {
    const v = small(item.value);
    out.push({
      kind,
      change: 'removed',
      path: item.path,
      key: item.key,
      ...parent,
      ...('value' in v ? { before: v.value } : {}),
    });
  }
  return out;
}

const APP_OWN_SKIP = new Set(['version', 'roles', 'forms', 'flows', 'dashboards', 'layout']);

function appChanges(a: unknown, b: unknown): BundleChange[] {
  const properties = changedProperties(a, b, APP_OWN_SKIP);
  const key = own(b, 'key') ?? own(a, 'key');
  return properties.length > 0
    ? [{ kind: 'app', change: 'changed', path: '', key: typeof key === 'string' ? key : '', properties }]
    : [];
}

function roleChanges(a: unknown, b: unknown): BundleChange[] {
  const p = pair(keyedList(own(a, 'roles'), '/roles'), keyedList(own(b, 'roles'), '/roles'));
  const out = addedRemoved(p, 'role', {});
  for (const [old, now] of p.kept) {
    const properties = changedProperties(old.value, now.value);
    if (properties.length > 0)
      out.push({ kind: 'role', change: 'changed', path: now.path, key: now.key, properties });
  }
  return out;
}

function fieldChanges(form: string, a: Keyed, b: Keyed): BundleChange[] {
  const p = pair(
    keyedList(a.value.fields, `${a.path}/fields`),
    keyedList(b.value.fields, `${b.path}/fields`),
  );
  const out = addedRemoved(p, 'field', { form });
  for (const [old, now] of p.kept) {
    const properties = changedProperties(old.value, now.value);
    if (properties.length === 0) continue;
    const from = old.value.type;
    const to = now.value.type;
    out.push({
      kind: 'field',
      change: 'changed',
      path: now.path,
      key: now.key,
      form,
      properties,
      ...(from !== to && typeof from === 'string' && typeof to === 'string'
        ? { typeChange: { from, to } }
        : {}),
    });
  }
  return out;
}

function formChanges(a: unknown, b: unknown): BundleChange[] {
  const p = pair(keyedList(own(a, 'forms'), '/forms'), keyedList(own(b, 'forms'), '/forms'));
  const out = addedRemoved(p, 'form', {});
  for (const [old, now] of p.kept) {
    const properties = changedProperties(old.value, now.value, new Set(['fields']));
    if (properties.length > 0)
      out.push({ kind: 'form', change: 'changed', path: now.path, key: now.key, properties });
    out.push(...fieldChanges(now.key, old, now));
  }
  return out;
}

/** Properties holding one target node. */
const SINGLE_TARGETS = ['next', 'default', 'onApprove', 'onReject', 'onError', 'onTimeout'] as const;

interface Transition {
  via: string;
  to: string;
  when?: unknown;
  path: string;
}

/** A node's transitions by `via`; list targets (`branches`, `returnTo`) are identified by target. */
function transitionsOf(node: Keyed): Map<string, Transition> {
  const out = new Map<string, Transition>();
  const add = (via: string, to: unknown, path: string, when?: unknown): void => {
    if (typeof to === 'string') out.set(via, { via, to, path, ...(when === undefined ? {} : { when }) });
  };
  const raw = node.value;
  for (const property of SINGLE_TARGETS) add(property, raw[property], `${node.path}/${property}`);
  const cases = raw.cases;
  if (Array.isArray(cases))
    cases.forEach((c, i) =>
      add(`cases/${i}`, own(c, 'next'), `${node.path}/cases/${i}/next`, own(c, 'when')),
    );
  for (const list of ['branches', 'returnTo'] as const) {
    const targets = raw[list];
    if (Array.isArray(targets))
      targets.forEach((t, i) => add(`${list}/${String(t)}`, t, `${node.path}/${list}/${i}`));
  }
  const outcomes = raw.outcomes;
  if (isObject(outcomes))
    for (const [name, to] of Object.entries(outcomes))
      add(`outcomes/${pointerSegment(name)}`, to, `${node.path}/outcomes/${pointerSegment(name)}`);
  return out;
}

/** Node properties that are transitions (reported as such, not as node properties). */
const TRANSITION_PROPERTIES = new Set<string>([
  ...SINGLE_TARGETS,
  'cases',
  'branches',
  'returnTo',
  'outcomes',
]);

function keysOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function listChange(before: unknown, after: unknown): ListChange | undefined {
  const a = new Set(keysOf(before));
  const b = new Set(keysOf(after));
  const added = [...b].filter((k) => !a.has(k));
  const removed = [...a].filter((k) => !b.has(k));
  return added.length > 0 || removed.length > 0 ? { added, removed } : undefined;
}

function permissionChange(a: Obj, b: Obj): PermissionChange | undefined {
  const out: PermissionChange = {};
  for (const list of ['visible', 'editable', 'required'] as const) {
    const change = listChange(own(a.fields, list), own(b.fields, list));
    if (change) out[list] = change;
  }
  const backfill = listChange(a.backfill, b.backfill);
  if (backfill) out.backfill = backfill;
  const actions = listChange(a.actions, b.actions);
  if (actions) out.actions = actions;
  if (!same(a.assignee, b.assignee) || !same(own(a.sla, 'escalateTo'), own(b.sla, 'escalateTo')))
    out.assignee = true;
  if (!same(a.cc, b.cc) || !same(own(a.sla, 'cc'), own(b.sla, 'cc'))) out.cc = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

function transitionChanges(flow: string, a: Keyed | undefined, b: Keyed | undefined): BundleChange[] {
  const before = a ? transitionsOf(a) : new Map<string, Transition>();
  const after = b ? transitionsOf(b) : new Map<string, Transition>();
  const key = (b ?? a)!.key;
  const target = (t: Transition) =>
    small(t.when === undefined ? { to: t.to } : { to: t.to, when: t.when }).value;
  const out: BundleChange[] = [];
  for (const [via, now] of after) {
    const old = before.get(via);
    if (!old)
      out.push({ kind: 'transition', change: 'added', path: now.path, key, flow, via, after: target(now) });
    else if (old.to !== now.to || !same(old.when, now.when))
      out.push({
        kind: 'transition',
        change: 'changed',
        path: now.path,
        key,
        flow,
        via,
        before: target(old),
        after: target(now),
      });
  }
  for (const [via, old] of before)
    if (!after.has(via))
      out.push({
        kind: 'transition',
        change: 'removed',
        path: old.path,
        key,
        flow,
        via,
        before: target(old),
      });
  return out;
}

function flowChanges(a: unknown, b: unknown): BundleChange[] {
  const p = pair(keyedList(own(a, 'flows'), '/flows'), keyedList(own(b, 'flows'), '/flows'));
  const out = addedRemoved(p, 'flow', {});
  for (const [old, now] of p.kept) {
    const flow = now.key;
    const properties = changedProperties(old.value, now.value, new Set(['nodes']));
    if (properties.length > 0)
      out.push({ kind: 'flow', change: 'changed', path: now.path, key: flow, properties });
    const nodes = pair(
      keyedMap(old.value.nodes, `${old.path}/nodes`),
      keyedMap(now.value.nodes, `${now.path}/nodes`),
    );
    out.push(...addedRemoved(nodes, 'node', { flow }));
    for (const node of nodes.added) out.push(...transitionChanges(flow, undefined, node));
    for (const node of nodes.removed) out.push(...transitionChanges(flow, node, undefined));
    for (const [was, is] of nodes.kept) {
      const changed = changedProperties(was.value, is.value, TRANSITION_PROPERTIES);
      if (changed.length > 0) {
        const permissions = permissionChange(was.value, is.value);
        out.push({
          kind: 'node',
          change: 'changed',
          path: is.path,
          key: is.key,
          flow,
          properties: changed,
          ...(permissions ? { permissions } : {}),
        });
      }
      out.push(...transitionChanges(flow, was, is));
    }
  }
  return out;
}

function dashboardChanges(a: unknown, b: unknown): BundleChange[] {
  const p = pair(
    keyedList(own(a, 'dashboards'), '/dashboards'),
    keyedList(own(b, 'dashboards'), '/dashboards'),
  );
  const out = addedRemoved(p, 'dashboard', {});
  for (const [old, now] of p.kept) {
    const dashboard = now.key;
    const properties = changedProperties(old.value, now.value, new Set(['widgets']));
    if (properties.length > 0)
      out.push({ kind: 'dashboard', change: 'changed', path: now.path, key: dashboard, properties });
    const widgets = pair(
      keyedList(old.value.widgets, `${old.path}/widgets`),
      keyedList(now.value.widgets, `${now.path}/widgets`),
    );
    out.push(...addedRemoved(widgets, 'widget', { dashboard }));
    for (const [was, is] of widgets.kept) {
      const changed = changedProperties(was.value, is.value);
      if (changed.length > 0)
        out.push({
          kind: 'widget',
          change: 'changed',
          path: is.path,
          key: is.key,
          dashboard,
          properties: changed,
        });
    }
  }
  return out;
}

function layoutChanges(a: unknown, b: unknown): BundleChange[] {
  const before = own(a, 'layout');
  const after = own(b, 'layout');
  if (same(before, after)) return [];
  const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  // Which parts (flows, forms, dashboards) and keys moved; positions themselves are noise here.
  const properties = changedProperties(before, after).map(({ property }) => ({ property }));
  return [
    {
      kind: 'layout',
      change,
      path: '/layout',
      key: 'layout',
      ...(properties.length > 0 ? { properties } : {}),
    },
  ];
}

/**
 * What changed from `a` to `b`: roles, the app, forms and fields, flows, nodes and transitions,
 * dashboards and widgets, the layout, in that order. Empty when they are the same but for
 * `version`. Pure and total: never throws for any JSON input.
 *
 * @example diffBundles(published, draft).filter((c) => c.typeChange) // fields whose data will be converted
 */
export function diffBundles(a: unknown, b: unknown): BundleChange[] {
  return [
    ...roleChanges(a, b),
    ...appChanges(a, b),
    ...formChanges(a, b),
    ...flowChanges(a, b),
    ...dashboardChanges(a, b),
    ...layoutChanges(a, b),
  ];
}
