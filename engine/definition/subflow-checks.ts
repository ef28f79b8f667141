/**
 * What a `subflow` node may name: a flow of this app (`ref.unknown_flow`), a new record (`record`)
 * or a linked one (`target`), exactly one (`subflow.record_or_target`); `record.set` keys that are
 * fields of the child flow's form (`ref.unknown_field`); rules over this flow's form (`rule.*`);
 * `recordAs`, a relation field of this form linking to the child's form (`ref.unknown_field`,
 * `ref.not_relation_field`, `subflow.record_as_form`); `outcomes` keys the child can end with, or
 * `failed`/`cancelled` (`ref.unknown_outcome`). And no flow may start itself, directly or through
 * other flows (`flow.subflow_cycle`, at every subflow node on such a cycle): each start would wait
 * for another, without end. Transition targets (`outcomes`, `next`, `onError`) are checked with
 * every other node's by the flow reference checks.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import { checkRule } from '../rules/index.js';
import type { BundleIndex, FlowInfo, NodeInfo } from './bundle-index.js';
import { entries, isObject, keyAt, own, stringAt } from './bundle-reader.js';

/** Child statuses an `outcomes` key may name besides the child's end outcomes. */
export const SUBFLOW_STATUS_KEYS: readonly string[] = ['failed', 'cancelled'];

function subflowNodes(flow: FlowInfo): NodeInfo[] {
  return [...flow.nodes.values()].filter((n) => n.type === 'subflow');
}

/** The outcomes a flow's end nodes declare. */
function endOutcomes(flow: FlowInfo): Set<string> {
  const outcomes = new Set<string>();
  for (const node of flow.nodes.values()) {
    const outcome = node.type === 'end' ? stringAt(node.raw, 'outcome') : undefined;
    if (outcome !== undefined) outcomes.add(outcome);
  }
  return outcomes;
}

function checkNode(
  flows: ReadonlyMap<string, FlowInfo>,
  flow: FlowInfo,
  node: NodeInfo,
  problems: Problem[],
): void {
  const push = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const record = own(node.raw, 'record');
  const target = own(node.raw, 'target');
  if ((record === undefined) === (target === undefined)) {
    push(
      node.path,
      'subflow.record_or_target',
      `Subflow "${node.id}" needs exactly one of "record" (a new record) and "target" (a linked record).`,
    );
  }
  const known = flow.form?.fieldKeys;
  if (target !== undefined)
    problems.push(...checkRule(target, { path: `${node.path}/target`, knownFields: known }));
  for (const [key, rule] of entries(own(record, 'set')))
    problems.push(
      ...checkRule(rule, { path: `${node.path}/record/set/${pointerSegment(key)}`, knownFields: known }),
    );

  const childKey = keyAt(node.raw, 'flow');
  if (childKey === undefined) return;
  const child = flows.get(childKey);
  if (!child) {
    push(
      `${node.path}/flow`,
      'ref.unknown_flow',
      `Subflow "${node.id}" starts flow "${childKey}", which this app does not define.`,
    );
    return;
  }
  const childForm = child.form;
  if (childForm) {
    for (const [key] of entries(own(record, 'set'))) {
      if (!childForm.fields.has(key))
        push(
          `${node.path}/record/set/${pointerSegment(key)}`,
          'ref.unknown_field',
          `Form "${childForm.key}" (of flow "${childKey}") has no field "${key}".`,
        );
    }
  }
  const recordAs = keyAt(node.raw, 'recordAs');
  if (recordAs !== undefined && flow.form) {
    const field = flow.form.fields.get(recordAs);
    const path = `${node.path}/recordAs`;
    if (!field) push(path, 'ref.unknown_field', `Form "${flow.form.key}" has no field "${recordAs}".`);
    else if (field.type !== 'relation')
      push(
        path,
        'ref.not_relation_field',
        `Field "${recordAs}" is a ${field.type ?? 'malformed'} field; a relation field is needed here.`,
      );
    else if (childForm && keyAt(field.raw, 'form') !== childForm.key) {
      push(
        path,
        'subflow.record_as_form',
        `Field "${recordAs}" links to form "${keyAt(field.raw, 'form') ?? '?'}", but flow "${childKey}" runs on form "${childForm.key}".`,
      );
    }
  }
  const outcomes = endOutcomes(child);
  for (const [outcome] of entries(own(node.raw, 'outcomes'))) {
    if (outcomes.has(outcome) || SUBFLOW_STATUS_KEYS.includes(outcome)) continue;
    const known = [...outcomes, ...SUBFLOW_STATUS_KEYS].map((o) => `"${o}"`).join(', ');
    push(
      `${node.path}/outcomes/${pointerSegment(outcome)}`,
      'ref.unknown_outcome',
      `Flow "${childKey}" never ends with outcome "${outcome}"; it may end with ${known}.`,
    );
  }
}

/** Subflow nodes that start a flow which, through subflows, starts the node's own flow again. */
function cycles(flows: ReadonlyMap<string, FlowInfo>, problems: Problem[]): void {
  const starts = new Map<string, Set<string>>();
  for (const [key, flow] of flows) {
    starts.set(
      key,
      new Set(
        subflowNodes(flow)
          .flatMap((n) => keyAt(n.raw, 'flow') ?? [])
          .filter((k) => flows.has(k)),
      ),
    );
  }
  const reaches = (from: string, goal: string): boolean => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const key = queue.pop()!;
      if (key === goal) return true;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(...(starts.get(key) ?? []));
    }
    return false;
  };
  for (const [key, flow] of flows) {
    for (const node of subflowNodes(flow)) {
      const childKey = keyAt(node.raw, 'flow');
      if (childKey === undefined || !flows.has(childKey) || !reaches(childKey, key)) continue;
      problems.push({
        path: `${node.path}/flow`,
        code: 'flow.subflow_cycle',
        message:
          childKey === key
            ? `Flow "${key}" starts itself at "${node.id}".`
            : `Flow "${key}" starts "${childKey}" at "${node.id}", which in turn starts "${key}" again.`,
      });
    }
  }
}

export function checkSubflows(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  const flows = new Map<string, FlowInfo>();
  for (const flow of index.flows)
    if (flow.key !== undefined && !flows.has(flow.key)) flows.set(flow.key, flow);
  for (const flow of index.flows) {
    for (const node of subflowNodes(flow)) if (isObject(node.raw)) checkNode(flows, flow, node, problems);
  }
  cycles(flows, problems);
  return problems;
}
