/**
 * `reasonField` (驳回/退回原因): on a task node that names a text field, a `reject` or `return`
 * writes its comment into that field, so notifications, exports and dashboards carry the reason,
 * and the history shows the field's change. The reason is then required: a blank comment is a
 * 422 at `/comment`. The step need not list the field as editable; the reason is the one write
 * it may make to it at a reject or return. Data naming the field with another value is refused
 * (the comment is the reason), the same value is tolerated.
 */
import type { TaskNode } from '../../definition/types.js';
import { FlowcaseError, type Problem } from '../../errors.js';
import type { TaskCompleteEvent } from './node-kind.js';

export interface ReasonWrite {
  field: string;
  text: string;
}

/** The reason a reject or return writes at `node`, or undefined when there is none to write. */
export function reasonOf(node: TaskNode, event: TaskCompleteEvent): ReasonWrite | undefined {
  const field = node.reasonField;
  if (field === undefined || (event.action !== 'reject' && event.action !== 'return')) return undefined;
  const text = typeof event.comment === 'string' ? event.comment.trim() : '';
  if (text === '') {
    const message = `A ${event.action === 'reject' ? 'rejection' : 'return'} here needs a reason: it is written to "${field}".`;
    const zh = event.action === 'reject' ? '此处驳回需要填写原因。' : '此处退回需要填写原因。';
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: message, zh },
      {
        path: '/comment',
        problems: [{ path: '/comment', code: 'field.required', message, zh }],
      },
    );
  }
  const sent = event.data?.[field];
  if (sent !== undefined && sent !== null && (typeof sent !== 'string' || sent.trim() !== text)) {
    const message = `"${field}" is written from the comment at a ${event.action}; send the reason as the comment.`;
    throw new FlowcaseError('FC_VALIDATION_FAILED', message, {
      path: `/data/${field}`,
      problems: [{ path: `/${field}`, code: 'field.reason_from_comment', message }],
    });
  }
  return { field, text };
}

/** The event's data with the reason written into its field. */
export function withReason(
  data: Record<string, unknown> | undefined,
  reason: ReasonWrite,
): Record<string, unknown> {
  return { ...(data ?? {}), [reason.field]: reason.text };
}

/** The form's problems about the reason's field, pointed at the comment the reason came from. */
export function reasonProblems(problems: readonly Problem[], reason: ReasonWrite): Problem[] {
  const at = `/${reason.field}`;
  return problems.map((p) => (p.path === at || p.path.startsWith(`${at}/`) ? { ...p, path: '/comment' } : p));
}
