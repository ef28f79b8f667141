/**
 * `record`: computes each `set` value with `evaluateRule` over the record as it stands, then
 * - `update` without `target`: writes onto the instance's own record (formulas recomputed by the
 *   form), visible in `StepResult.record` and as a `record.update` effect with `target: 'self'`;
 * - `update` with `target`: a `record.update` effect on the record id the rule yields, of `form`
 *   (`from` values come from `env.lookup` when it knows the record; the runtime records the truth);
 * - `create`: a `record.create` effect with a fresh record id.
 * A rule that fails, or a target that is not a record id, fails the instance.
 */
import type { RecordNode } from '../../definition/types.js';
import { checkRule, evaluateRule } from '../../rules/index.js';
import { diffRecords } from '../field-changes.js';
import { failInstance } from '../instance-lifecycle.js';
import { formContext, ruleScope } from '../rule-scope.js';
import { appendHistory, emit, moveToken, type StepContext } from '../step-context.js';
import type { FieldChange } from '../types.js';
import type { NodeKind } from './node-kind.js';
import { entries, keyAt, own } from '../../definition/bundle-reader.js';
import { checkFieldRef, checkRuleAt } from '../../definition/check-helpers.js';
import { choices, prop } from '../../definition/property-list.js';
import { ref, ruleMap, target } from '../../definition/schema-parts.js';
import { pointerSegment } from '../../errors.js';

function evaluateSet(ctx: StepContext, node: RecordNode): Record<string, unknown> {
  const scope = ruleScope(ctx);
  const values: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(node.set)) values[field] = evaluateRule(rule, scope) ?? null;
  return values;
}

function apply(ctx: StepContext, node: RecordNode, nodeId: string): void {
  const values = evaluateSet(ctx, node);
  if (node.action === 'create') {
    const recordId = ctx.env.newId();
    emit(ctx, { type: 'record.create', node: nodeId, form: node.form, recordId, data: values });
    appendHistory(ctx, 'record.created', { node: nodeId, detail: { form: node.form, recordId } });
    return;
  }
  if (node.target === undefined) {
    const next = ctx.env.form.evaluate({ ...ctx.record, ...values }, formContext(ctx));
    const changes = diffRecords(ctx.record, next);
    ctx.record = next;
    if (changes.length > 0)
      emit(ctx, { type: 'record.update', node: nodeId, form: ctx.env.form.key, target: 'self', changes });
    appendHistory(ctx, 'record.updated', {
      node: nodeId,
      changes,
      detail: { form: ctx.env.form.key, target: 'self' },
    });
    return;
  }
  const target = evaluateRule(node.target, ruleScope(ctx));
  if (typeof target !== 'string' || target === '') throw new Error('the target is not a record id');
  const current = ctx.env.lookup?.(node.form, target);
  const changes: FieldChange[] = Object.entries(values).map(([field, to]) => ({
    field,
    from: current?.[field] ?? null,
    to,
  }));
  emit(ctx, { type: 'record.update', node: nodeId, form: node.form, target, changes });
  appendHistory(ctx, 'record.updated', { node: nodeId, changes, detail: { form: node.form, target } });
}

export const recordKind: NodeKind<RecordNode> = {
  type: 'record',
  description: {
    label: { en: 'Record action', zh: '数据操作' },
    summary: {
      en: 'Updates this or a linked record, or creates a record, from rules.',
      zh: '按规则更新本条或关联数据，或新建数据。',
    },
    category: 'data',
    icon: 'database',
    waits: false,
    exits: ['next'],
    events: [],
  },
  definitionSchema: {
    properties: {
      action: { enum: ['update', 'create'] },
      form: ref('key'),
      target: ref('logic'),
      set: ruleMap(),
      next: target,
    },
    // An update without `target` changes the instance's own record (its form must be the flow's).
    required: ['action', 'form', 'set', 'next'],
  },
  properties: [
    prop('/action', 'select', 'Action', '操作', {
      required: true,
      default: 'update',
      choices: choices(['update', 'Update a record', '更新数据'], ['create', 'Create a record', '新建数据']),
    }),
    prop('/form', 'form', 'Form', '表单', { required: true }),
    prop('/target', 'rule', 'Which record (its id)', '目标数据（其 id）', {
      help: {
        en: "Leave empty to update this case's own record.",
        zh: '留空则更新本流程自己的数据。',
      },
    }),
    prop('/set', 'mapping', 'Values', '写入的值', {
      required: true,
      mapKey: 'field',
      mapValue: 'rule',
      formFrom: 'form',
      help: {
        en: 'Each field of that form, and a rule giving its value.',
        zh: '目标表单的字段，及计算其值的规则。',
      },
    }),
    prop('/next', 'node', 'Then go to', '之后前往', { required: true }),
  ],
  check({ index, flow, node, problems }) {
    const known = flow.form?.fieldKeys;
    checkRuleAt(node.raw, 'target', node.path, known, problems);
    for (const [key, rule] of entries(own(node.raw, 'set')))
      problems.push(
        ...checkRule(rule, { path: `${node.path}/set/${pointerSegment(key)}`, knownFields: known }),
      );
    const formKey = keyAt(node.raw, 'form');
    if (formKey === undefined) return;
    const flowForm = keyAt(flow.raw, 'form');
    if (
      own(node.raw, 'action') === 'update' &&
      own(node.raw, 'target') === undefined &&
      formKey !== flowForm
    ) {
      problems.push({
        path: `${node.path}/target`,
        code: 'ref.missing_target',
        message: `Node "${node.id}" updates form "${formKey}" without a target; only the flow's own form may be updated without one.`,
      });
    }
    const written = index.forms.get(formKey);
    if (!written) {
      if (!index.formsReadable) return;
      problems.push({
        path: `${node.path}/form`,
        code: 'ref.unknown_form',
        message: `Node "${node.id}" writes to form "${formKey}", which this app does not define.`,
      });
      return;
    }
    for (const [key] of entries(own(node.raw, 'set')))
      checkFieldRef({ problems }, written, key, `${node.path}/set/${pointerSegment(key)}`);
  },
  enter(ctx, token, node, nodeId) {
    try {
      apply(ctx, node, nodeId);
    } catch (e) {
      failInstance(
        ctx,
        nodeId,
        `The record action cannot run: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    moveToken(ctx, token, node.next);
  },
};
