/**
 * The definition side of the `subflow` kind: its schema fragment, its property list and its
 * checks. A subflow node names a flow of this app (`ref.unknown_flow`), a new record (`record`) or
 * a linked one (`target`), exactly one (`subflow.record_or_target`); `record.set` keys that are
 * fields of the child flow's form (`ref.unknown_field`); rules over this flow's form (`rule.*`);
 * `recordAs`, a relation field of this form linking to the child's form (`ref.unknown_field`,
 * `ref.not_relation_field`, `subflow.record_as_form`); `outcomes` keys the child can end with, or
 * `failed`/`cancelled` (`ref.unknown_outcome`). Cycles of flows starting each other span flows,
 * so `engine/definition/subflow-checks.ts` finds them; transition targets are checked with every
 * other node's by the flow reference checks.
 */
import type { FlowInfo } from '../../definition/bundle-index.js';
import { entries, keyAt, own, stringAt } from '../../definition/bundle-reader.js';
import type { NodeCheckContext } from '../../definition/check-helpers.js';
import { prop, type PropertySpec } from '../../definition/property-list.js';
import { object, ref, ruleMap, target, type SchemaFragment } from '../../definition/schema-parts.js';
import { SUBFLOW_STATUS_KEYS } from '../../definition/subflow-checks.js';
import { pointerSegment } from '../../errors.js';
import { checkRule } from '../../rules/index.js';

// `record` or `target`, exactly one: checked below.
export const subflowSchema: SchemaFragment = {
  properties: {
    flow: ref('key'),
    record: object({ set: ruleMap() }, ['set']),
    target: ref('logic'),
    recordAs: ref('key'),
    outcomes: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { type: 'string', minLength: 1, maxLength: 100 },
      additionalProperties: target,
    },
    next: target,
    onError: target,
  },
  required: ['flow', 'next'],
};

export const subflowProperties: readonly PropertySpec[] = [
  prop('/flow', 'flow', 'Flow to start', '发起的流程', { required: true }),
  prop('/record/set', 'mapping', 'New record: values', '新建数据：写入的值', {
    mapKey: 'field',
    mapValue: 'rule',
    formFrom: 'flow',
    help: {
      en: "The child flow runs on a new record with these values. Either this or 'Linked record'.",
      zh: '子流程在新建的数据上运行，写入这些值。与“关联数据”二选一。',
    },
  }),
  prop('/target', 'rule', 'Linked record (its id)', '关联数据（其 id）', {
    help: { en: 'The child flow runs on this existing record.', zh: '子流程在这条已有数据上运行。' },
  }),
  prop('/recordAs', 'field', 'Keep the child record in', '子流程数据记入', { fieldTypes: ['relation'] }),
  prop('/outcomes', 'mapping', 'Go to by outcome', '按结果前往', {
    mapKey: 'outcome',
    mapValue: 'node',
    help: {
      en: "An outcome of the child flow's end nodes, or failed / cancelled.",
      zh: '子流程结束节点的结果，或 failed / cancelled。',
    },
  }),
  prop('/next', 'node', 'Then go to', '结束后前往', { required: true }),
  prop('/onError', 'node', 'On failure go to', '失败后前往', {
    help: {
      en: 'Without it, a child that fails stops this case too.',
      zh: '不设置时，子流程失败会使本流程出错。',
    },
  }),
];

/** The outcomes a flow's end nodes declare. */
function endOutcomes(flow: FlowInfo): Set<string> {
  const outcomes = new Set<string>();
  for (const node of flow.nodes.values()) {
    const outcome = node.type === 'end' ? stringAt(node.raw, 'outcome') : undefined;
    if (outcome !== undefined) outcomes.add(outcome);
  }
  return outcomes;
}

export function checkSubflowNode({ index, flow, node, problems }: NodeCheckContext): void {
  const push = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const record = own(node.raw, 'record');
  const linked = own(node.raw, 'target');
  if ((record === undefined) === (linked === undefined)) {
    push(
      node.path,
      'subflow.record_or_target',
      `Subflow "${node.id}" needs exactly one of "record" (a new record) and "target" (a linked record).`,
    );
  }
  const known = flow.form?.fieldKeys;
  if (linked !== undefined)
    problems.push(...checkRule(linked, { path: `${node.path}/target`, knownFields: known }));
  for (const [key, rule] of entries(own(record, 'set')))
    problems.push(
      ...checkRule(rule, { path: `${node.path}/record/set/${pointerSegment(key)}`, knownFields: known }),
    );

  const childKey = keyAt(node.raw, 'flow');
  if (childKey === undefined) return;
  // For a duplicate flow key the first wins (the duplicate is reported by the key checks).
  const child = index.flows.find((f) => f.key === childKey);
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
    const allowed = [...outcomes, ...SUBFLOW_STATUS_KEYS].map((o) => `"${o}"`).join(', ');
    push(
      `${node.path}/outcomes/${pointerSegment(outcome)}`,
      'ref.unknown_outcome',
      `Flow "${childKey}" never ends with outcome "${outcome}"; it may end with ${allowed}.`,
    );
  }
}
