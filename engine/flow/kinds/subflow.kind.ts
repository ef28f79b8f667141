/**
 * `subflow`: starts another flow of the same app and waits for that instance to end. The child
 * runs on a new record of its flow's form (`record.set`, each value a rule over this record, the
 * record id chosen here with `env.newId` so a repeated start cannot make two) or on an existing
 * record (`target`, a rule giving its id). Entering emits `subflow.start` with a fresh `callId`,
 * writes the child's record id into `recordAs` when named, and the token waits, remembering the
 * call. `subflow.done` with that call id releases it:
 * - `done`: `outcomes[outcome]`, else `next`;
 * - `failed` / `cancelled`: `outcomes[status]`, else `onError`, else the instance fails;
 * - `not_started` (the runtime could not start the child): `onError`, else the instance fails.
 * A rule that fails or a target that is not a record id counts as `not_started`. History shows
 * `subflow.started` and `subflow.ended`, both with the child's record id.
 */
import type { SubflowNode } from '../../definition/types.js';
import { evaluateRule } from '../../rules/index.js';
import { diffRecords } from '../field-changes.js';
import { failInstance } from '../instance-lifecycle.js';
import { formContext, ruleScope } from '../rule-scope.js';
import { appendHistory, emit, moveToken, type StepContext } from '../step-context.js';
import type { FieldChange, FlowEvent, Token } from '../types.js';
import type { NodeKind } from './node-kind.js';
import { checkSubflowNode, subflowProperties, subflowSchema } from './subflow-definition.js';

type SubflowDone = Extract<FlowEvent, { type: 'subflow.done' }>;

/** Statuses with no outcome of their own: they look for `outcomes[status]`, then `onError`. */
const ERROR_STATUS: ReadonlySet<SubflowDone['status']> = new Set(['failed', 'cancelled', 'not_started']);

/** The child's record: a fresh id with the computed values, or the existing record the target names. */
function childRecord(
  ctx: StepContext,
  node: SubflowNode,
): { recordId: string; create: boolean; data?: Record<string, unknown> } {
  const scope = ruleScope(ctx);
  if (node.target !== undefined) {
    const target = evaluateRule(node.target, scope);
    if (typeof target !== 'string' || target === '') throw new Error('the target is not a record id');
    return { recordId: target, create: false };
  }
  const data: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(node.record?.set ?? {}))
    data[field] = evaluateRule(rule, scope) ?? null;
  return { recordId: ctx.env.newId(), create: true, data };
}

/** Writes the child's record id into `recordAs` (formulas recomputed); the changes made. */
function recordChild(ctx: StepContext, node: SubflowNode, nodeId: string, recordId: string): FieldChange[] {
  if (node.recordAs === undefined) return [];
  const next = ctx.env.form.evaluate({ ...ctx.record, [node.recordAs]: recordId }, formContext(ctx));
  const changes = diffRecords(ctx.record, next);
  ctx.record = next;
  if (changes.length > 0)
    emit(ctx, { type: 'record.update', node: nodeId, form: ctx.env.form.key, target: 'self', changes });
  return changes;
}

/** Leaves for `onError`, or fails the instance when the node has none. */
function toErrorPath(ctx: StepContext, token: Token, node: SubflowNode, reason: string): void {
  if (node.onError !== undefined) moveToken(ctx, token, node.onError);
  else failInstance(ctx, token.node, reason);
}

export const subflowKind: NodeKind<SubflowNode> = {
  type: 'subflow',
  description: {
    label: { en: 'Subflow', zh: '子流程' },
    summary: {
      en: 'Starts another flow on a new or linked record and waits for it to end.',
      zh: '在新建或关联的数据上发起另一个流程，并等待其结束。',
    },
    category: 'logic',
    icon: 'workflow',
    waits: true,
    exits: ['next', 'outcomes', 'onError'],
    events: ['subflow.done'],
  },
  definitionSchema: subflowSchema,
  properties: subflowProperties,
  check: checkSubflowNode,
  enter(ctx, token, node, nodeId) {
    let child: ReturnType<typeof childRecord>;
    try {
      child = childRecord(ctx, node);
    } catch (e) {
      const reason = `The subflow "${node.flow}" cannot start: ${e instanceof Error ? e.message : String(e)}`;
      appendHistory(ctx, 'subflow.ended', {
        node: nodeId,
        detail: { flow: node.flow, status: 'not_started', reason },
      });
      toErrorPath(ctx, token, node, reason);
      return;
    }
    const callId = ctx.env.newId();
    const changes = recordChild(ctx, node, nodeId, child.recordId);
    token.subflow = { callId, recordId: child.recordId };
    emit(ctx, { type: 'subflow.start', node: nodeId, flow: node.flow, callId, ...child });
    appendHistory(ctx, 'subflow.started', {
      node: nodeId,
      changes: changes.length > 0 ? changes : undefined,
      detail: {
        flow: node.flow,
        recordId: child.recordId,
        callId,
        ...(child.create ? {} : { linked: true }),
      },
    });
  },
  accepts(_node, nodeId, event, token) {
    return event.type === 'subflow.done' && event.node === nodeId && token?.subflow?.callId === event.callId;
  },
  receive(ctx, token, node, event) {
    if (event.type !== 'subflow.done') return;
    const recordId = token.subflow?.recordId;
    delete token.subflow;
    appendHistory(ctx, 'subflow.ended', {
      node: token.node,
      detail: {
        flow: node.flow,
        recordId,
        status: event.status,
        ...(event.outcome !== undefined ? { outcome: event.outcome } : {}),
        ...(event.detail !== undefined ? { reason: event.detail } : {}),
      },
    });
    const outcomes = node.outcomes ?? {};
    const own = (key: string | undefined): string | undefined =>
      key !== undefined && Object.prototype.hasOwnProperty.call(outcomes, key) ? outcomes[key] : undefined;
    if (!ERROR_STATUS.has(event.status)) {
      moveToken(ctx, token, own(event.outcome) ?? node.next);
      return;
    }
    const byStatus = event.status === 'not_started' ? undefined : own(event.status);
    if (byStatus !== undefined) {
      moveToken(ctx, token, byStatus);
      return;
    }
    const what = event.status === 'not_started' ? 'could not start' : `ended ${event.status}`;
    toErrorPath(
      ctx,
      token,
      node,
      `The subflow "${node.flow}" ${what}${event.detail !== undefined ? `: ${event.detail}` : '.'}`,
    );
  },
};
