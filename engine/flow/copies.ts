/**
 * 抄送 (copies): people told about a case for information, who then read it with a fixed set of
 * fields and may not act on it. A task node copies its `cc` when its task opens and its
 * `sla.cc` when the task breaches; a notify node copies its `cc` when the message is sent. Nobody
 * to copy (an empty user field) is no copy and no error.
 */
import type { AssigneeRule, LocalizedText, NotifyNode, TaskNode } from '../definition/types.js';
import { analyzeTemplate } from '../template/index.js';
import { resolveAssignees } from './assignee-resolver.js';
import { localizedName } from './localized-render.js';
import { appendHistory, emit, type StepContext } from './step-context.js';

/** The form's field keys among `keys`, once each, in the form's order. */
function formFields(ctx: StepContext, keys: ReadonlySet<string> | undefined): string[] {
  return ctx.env.form.fields.map((f) => f.key).filter((key) => keys === undefined || keys.has(key));
}

/**
 * What a task node's participants see: its `visible` list (every field when absent) with its
 * `editable` and `required` fields, which a participant sees too.
 */
export function taskNodeFields(ctx: StepContext, node: TaskNode): string[] {
  const perms = node.fields;
  if (perms?.visible === undefined) return formFields(ctx, undefined);
  return formFields(ctx, new Set([...perms.visible, ...(perms.editable ?? []), ...(perms.required ?? [])]));
}

/** The fields a notify node's texts read: what the copied person is told, they may open. */
export function notifyNodeFields(ctx: StepContext, node: NotifyNode): string[] {
  const texts = [node.template, node.subject].flatMap((t: LocalizedText | undefined) =>
    t === undefined ? [] : typeof t === 'string' ? [t] : [t.en ?? '', t.zh ?? ''],
  );
  const roots = new Set<string>();
  for (const text of texts) for (const root of analyzeTemplate(text).roots) roots.add(root);
  return formFields(ctx, roots);
}

/** Copies the people `rules` resolve to (roles stay roles) on the case, with `fields`; records `copy.sent`. */
export function sendCopies(
  ctx: StepContext,
  rules: readonly AssigneeRule[] | undefined,
  copy: {
    node: string;
    name: LocalizedText | undefined;
    fields: string[];
    reason: 'node' | 'sla.breach';
    taskId?: string;
  },
): void {
  if (!rules || rules.length === 0) return;
  const to = resolveAssignees(ctx, [...rules]);
  if (to.length === 0) return;
  emit(ctx, {
    type: 'copy.create',
    copyId: ctx.env.newId(),
    node: copy.node,
    nodeName: localizedName(copy.name, copy.node),
    to,
    fields: copy.fields,
    reason: copy.reason,
    ...(copy.taskId !== undefined ? { taskId: copy.taskId } : {}),
  });
  appendHistory(ctx, 'copy.sent', {
    node: copy.node,
    detail: { to, reason: copy.reason, ...(copy.taskId !== undefined ? { taskId: copy.taskId } : {}) },
  });
}
