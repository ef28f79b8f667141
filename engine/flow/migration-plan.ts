/**
 * `migrationPlan`: what moving the open cases of one version of an app onto another would do,
 * before anything moves. The runtime feeds it both bundles and where each open instance stands
 * (the nodes its tokens are at); the plan groups the instances by flow and position and says for
 * each group whether it moves as is, needs a node mapping (a node it stands at is gone from the
 * new version and the mapping names none that exists), or changes meaning (the step it stands at
 * now gives other permissions, goes to other assignees, requires other fields, or runs on another
 * timer). Pure: no I/O, the same answer for the same input.
 */
import type { AppBundle, FlowDef, NodeDef } from '../definition/types.js';

export type MigrationVerdict = 'moves' | 'needs_mapping' | 'changes_meaning';

/** Old node key → new node key, per flow; a node not named keeps its key. */
export type NodeMapping = Record<string, Record<string, string>>;

/** Where one open instance stands, as the runtime reads it from its snapshot. */
export interface InstancePosition {
  id: string;
  recordId: string;
  flow: string;
  /** The nodes its tokens are at (several inside a parallel split). */
  nodes: string[];
  /** How people name its record (case number or first text field), for samples. */
  title?: string;
}

/** Why a group is not a plain move; `node` is the old node, `to` the new one it lands on. */
export interface MigrationReason {
  node: string;
  to?: string;
  code:
    | 'flow_gone'
    | 'node_gone'
    | 'mapped_to_missing'
    | 'type'
    | 'assignee'
    | 'permissions'
    | 'required_fields'
    | 'timer';
  /** The node properties that differ, for the `changes_meaning` codes. */
  properties?: string[];
}

export interface MigrationGroup {
  flow: string;
  /** The old nodes the group's instances stand at, sorted. */
  nodes: string[];
  /** Where they land in the new version (`nodes` through the mapping); absent for a gone node. */
  targets: (string | null)[];
  verdict: MigrationVerdict;
  reasons: MigrationReason[];
  count: number;
  /** The first few instances of the group. */
  samples: { id: string; recordId: string; title?: string }[];
}

export interface MigrationPlan {
  groups: MigrationGroup[];
  /** Instances per verdict. */
  totals: Record<MigrationVerdict, number>;
}

export const PLAN_SAMPLES = 3;

type Obj = Record<string, unknown>;

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** A field list compared as a set (order is no meaning). */
const asSet = (value: unknown): string =>
  json(Array.isArray(value) ? [...new Set(value.map(String))].sort() : []);

function fieldList(node: Obj, list: 'visible' | 'editable' | 'required'): string {
  const fields = node['fields'];
  return asSet(fields && typeof fields === 'object' ? (fields as Obj)[list] : undefined);
}

/** The timer properties of a node: a task's SLA, a wait's duration, an event's timeout and fallback delay. */
function timers(node: Obj): string {
  const fallback = node['fallback'] as Obj | undefined;
  return json([node['sla'], node['duration'], node['until'], node['timeout'], fallback?.['after']]);
}

/** What a node now means differently to a case standing at it. */
export function meaningChanges(nodeKey: string, was: NodeDef, is: NodeDef, to: string): MigrationReason[] {
  const a = was as unknown as Obj;
  const b = is as unknown as Obj;
  if (a['type'] !== b['type']) return [{ node: nodeKey, to, code: 'type', properties: ['type'] }];
  const out: MigrationReason[] = [];
  const differs = (properties: string[], read: (n: Obj) => string) =>
    read(a) !== read(b) ? properties : undefined;
  const assignee = differs(['assignee', 'mode'], (n) => json([n['assignee'], n['mode'] ?? 'any']));
  const fallbackAssignee = differs(['fallback.assignee'], (n) =>
    json((n['fallback'] as Obj | undefined)?.['assignee']),
  );
  if (assignee || fallbackAssignee)
    out.push({
      node: nodeKey,
      to,
      code: 'assignee',
      properties: [...(assignee ?? []), ...(fallbackAssignee ?? [])],
    });
  const permissions = (['visible', 'editable'] as const).filter((l) => fieldList(a, l) !== fieldList(b, l));
  const actions = asSet(a['actions']) !== asSet(b['actions']) ? ['actions'] : [];
  if (permissions.length > 0 || actions.length > 0)
    out.push({
      node: nodeKey,
      to,
      code: 'permissions',
      properties: [...permissions.map((l) => `fields.${l}`), ...actions],
    });
  if (fieldList(a, 'required') !== fieldList(b, 'required'))
    out.push({ node: nodeKey, to, code: 'required_fields', properties: ['fields.required'] });
  if (timers(a) !== timers(b)) out.push({ node: nodeKey, to, code: 'timer', properties: ['timers'] });
  return out;
}

const flowOf = (bundle: AppBundle, key: string): FlowDef | undefined =>
  bundle.flows.find((f) => f.key === key);

const verdictOf = (reasons: MigrationReason[]): MigrationVerdict =>
  reasons.some((r) => r.code === 'flow_gone' || r.code === 'node_gone' || r.code === 'mapped_to_missing')
    ? 'needs_mapping'
    : reasons.length > 0
      ? 'changes_meaning'
      : 'moves';

/** Groups `instances` of version `from` by flow and position and judges each group against `to`. */
export function migrationPlan(
  from: AppBundle,
  to: AppBundle,
  instances: readonly InstancePosition[],
  mapping: NodeMapping = {},
): MigrationPlan {
  const groups = new Map<string, MigrationGroup>();
  for (const instance of instances) {
    const nodes = [...new Set(instance.nodes)].sort();
    const id = json([instance.flow, nodes]);
    let group = groups.get(id);
    if (!group) {
      group = {
        flow: instance.flow,
        nodes,
        ...judge(from, to, instance.flow, nodes, mapping),
        count: 0,
        samples: [],
      };
      groups.set(id, group);
    }
    group.count += 1;
    if (group.samples.length < PLAN_SAMPLES)
      group.samples.push({
        id: instance.id,
        recordId: instance.recordId,
        ...(instance.title ? { title: instance.title } : {}),
      });
  }
  const sorted = [...groups.values()].sort(
    (x, y) => x.flow.localeCompare(y.flow) || json(x.nodes).localeCompare(json(y.nodes)),
  );
  const totals: Record<MigrationVerdict, number> = { moves: 0, needs_mapping: 0, changes_meaning: 0 };
  for (const g of sorted) totals[g.verdict] += g.count;
  return { groups: sorted, totals };
}

function judge(
  from: AppBundle,
  to: AppBundle,
  flow: string,
  nodes: string[],
  mapping: NodeMapping,
): Pick<MigrationGroup, 'targets' | 'verdict' | 'reasons'> {
  const oldFlow = flowOf(from, flow);
  const newFlow = flowOf(to, flow);
  if (!newFlow) {
    const reasons = nodes.map((node): MigrationReason => ({ node, code: 'flow_gone' }));
    return { targets: nodes.map(() => null), verdict: verdictOf(reasons), reasons };
  }
  const reasons: MigrationReason[] = [];
  const targets = nodes.map((node) => {
    const mapped = mapping[flow]?.[node];
    const target = mapped ?? node;
    const is = Object.hasOwn(newFlow.nodes, target) ? newFlow.nodes[target] : undefined;
    if (!is) {
      reasons.push(
        mapped === undefined ? { node, code: 'node_gone' } : { node, to: mapped, code: 'mapped_to_missing' },
      );
      return null;
    }
    const was = oldFlow && Object.hasOwn(oldFlow.nodes, node) ? oldFlow.nodes[node] : undefined;
    if (was) reasons.push(...meaningChanges(node, was, is, target));
    return target;
  });
  return { targets, verdict: verdictOf(reasons), reasons };
}
