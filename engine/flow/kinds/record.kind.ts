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
import { evaluateRule } from '../../rules/index.js';
import { diffRecords } from '../field-changes.js';
import { failInstance } from '../instance-lifecycle.js';
import { formContext, ruleScope } from '../rule-scope.js';
import { appendHistory, emit, moveToken, type StepContext } from '../step-context.js';
import type { FieldChange } from '../types.js';
import type { NodeKind } from './node-kind.js';

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
    waits: false,
    exits: ['next'],
    events: [],
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
