/**
 * The definition side of the `task` kind: its schema fragment, property list and checks. The
 * checks: assignees, escalation and 抄送 rules name declared roles or user fields; the field
 * permissions and backfill name fields of the flow's form; `sla.due`/`sla.remind` are durations,
 * the reminder before the due time; the `reasonField` (`task-reason-field-checks.ts`). Warnings:
 * field lists that contradict each other (`task-field-list-checks.ts`) and an unused reason field.
 */
import { list, own } from '../../definition/bundle-reader.js';
import {
  checkAssignee,
  checkAssignees,
  checkCopies,
  checkDuration,
  checkFieldRef,
  USER_FIELD_TYPES,
  type NodeCheckContext,
} from '../../definition/check-helpers.js';
import { approximateSeconds } from '../../definition/iso-duration.js';
import { choices, prop, type PropertySpec } from '../../definition/property-list.js';
import {
  assigneeList,
  fieldPermissions,
  keyList,
  localized,
  object,
  ref,
  target,
  type SchemaFragment,
} from '../../definition/schema-parts.js';
import { fieldListWarnings } from './task-field-list-checks.js';
import { checkReasonField, reasonWarning } from './task-reason-field-checks.js';

const ACTIONS = ['submit', 'approve', 'reject', 'return', 'transfer', 'addSigner', 'withdraw'] as const;
const FIELD_GROUPS = ['visible', 'editable', 'required'] as const;

export const taskSchema: SchemaFragment = {
  properties: {
    assignee: ref('assignees'),
    mode: { enum: ['any', 'all'] },
    fields: fieldPermissions(),
    backfill: keyList(500),
    related: keyList(20),
    actions: { type: 'array', maxItems: 7, uniqueItems: true, items: { enum: [...ACTIONS] } },
    sla: object(
      { due: ref('duration'), remind: ref('duration'), escalateTo: assigneeList(), cc: assigneeList() },
      ['due'],
    ),
    next: target,
    onApprove: target,
    onReject: target,
    returnTo: keyList(100),
    reasonField: ref('key'),
    actionLabels: object(Object.fromEntries(ACTIONS.map((a) => [a, localized(200)]))),
    cc: assigneeList(),
  },
  required: ['assignee'],
};

const ACTION_CHOICES = choices(
  ['submit', 'Submit', '提交'],
  ['approve', 'Approve', '同意'],
  ['reject', 'Reject', '驳回'],
  ['return', 'Return to an earlier step', '退回'],
  ['transfer', 'Transfer', '转交'],
  ['addSigner', 'Add a signer (加签)', '加签'],
  ['withdraw', 'Withdraw (撤回)', '撤回'],
);

const GROUP_LABELS = {
  visible: ['Visible fields', '可见字段'],
  editable: ['Editable fields', '可编辑字段'],
  required: ['Required fields', '必填字段'],
} as const;

export const taskProperties: readonly PropertySpec[] = [
  prop('/assignee', 'assignees', 'Assignees', '处理人', {
    required: true,
    fieldTypes: [...USER_FIELD_TYPES],
    help: { en: 'Roles, users, a user field, or the submitter.', zh: '角色、用户、成员字段或提交人。' },
  }),
  prop('/mode', 'select', 'Who decides', '多人处理方式', {
    default: 'any',
    choices: choices(
      ['any', 'Any one of them (或签)', '或签（任一人处理）'],
      ['all', 'All of them (会签)', '会签（全部同意）'],
    ),
  }),
  prop('/actions', 'multiselect', 'Actions', '可用操作', { default: ['submit'], choices: ACTION_CHOICES }),
  ...FIELD_GROUPS.map((group) =>
    prop(`/fields/${group}`, 'fields', GROUP_LABELS[group][0], GROUP_LABELS[group][1]),
  ),
  prop('/backfill', 'fields', 'Fields to fill in later (补录)', '可补录字段'),
  prop('/related', 'strings', 'Related lists shown', '显示的关联列表'),
  prop('/next', 'node', 'After submit go to', '提交后前往'),
  prop('/onApprove', 'node', 'After approval go to', '同意后前往', {
    help: { en: "Without it, approval goes on to 'After submit'.", zh: '不设置时，同意后前往“提交后前往”。' },
  }),
  prop('/onReject', 'node', 'After rejection go to', '驳回后前往', {
    help: {
      en: 'Without it, a rejection ends the case as rejected.',
      zh: '不设置时，驳回即以“已驳回”结束流程。',
    },
  }),
  prop('/returnTo', 'nodes', 'May return to', '可退回到', {
    help: { en: 'Without it, any earlier task.', zh: '不设置时，可退回到之前任一任务节点。' },
  }),
  prop('/reasonField', 'field', 'Write the reason into', '原因写入字段', {
    fieldTypes: ['text', 'textarea'],
  }),
  prop('/sla/due', 'duration', 'Due within', '办理时限'),
  prop('/sla/remind', 'duration', 'Remind this long before', '到期前提醒'),
  prop('/sla/escalateTo', 'assignees', 'When overdue, add', '超时后增加处理人', {
    fieldTypes: [...USER_FIELD_TYPES],
  }),
  prop('/sla/cc', 'assignees', 'When overdue, copy to', '超时后抄送', { fieldTypes: [...USER_FIELD_TYPES] }),
  prop('/cc', 'assignees', 'Copy to (抄送)', '抄送', { fieldTypes: [...USER_FIELD_TYPES] }),
  prop('/actionLabels', 'mapping', 'Button labels', '按钮文字', {
    mapKey: 'select',
    mapValue: 'localized',
    choices: ACTION_CHOICES,
  }),
];

export function checkTaskNode(ctx: NodeCheckContext): void {
  const { flow, node, problems } = ctx;
  const form = flow.form;
  const sla = own(node.raw, 'sla');
  checkAssignees(ctx, own(node.raw, 'assignee'), `${node.path}/assignee`, USER_FIELD_TYPES);
  list(own(sla, 'escalateTo')).forEach((rule, i) =>
    checkAssignee(ctx, rule, `${node.path}/sla/escalateTo/${i}`, USER_FIELD_TYPES),
  );
  checkCopies(ctx, own(sla, 'cc'), `${node.path}/sla/cc`);
  checkCopies(ctx, own(node.raw, 'cc'), `${node.path}/cc`);
  for (const group of FIELD_GROUPS) {
    list(own(own(node.raw, 'fields'), group)).forEach((key, i) =>
      checkFieldRef(ctx, form, key, `${node.path}/fields/${group}/${i}`),
    );
  }
  list(own(node.raw, 'backfill')).forEach((key, i) =>
    checkFieldRef(ctx, form, key, `${node.path}/backfill/${i}`),
  );

  const due = checkDuration(own(sla, 'due'), `${node.path}/sla/due`, problems);
  const remind = checkDuration(own(sla, 'remind'), `${node.path}/sla/remind`, problems);
  if (due && remind && approximateSeconds(remind) >= approximateSeconds(due)) {
    problems.push({
      path: `${node.path}/sla/remind`,
      code: 'duration.remind_after_due',
      message: 'The reminder is given this long before the due time, so it must be shorter than "due".',
    });
  }
  checkReasonField(flow, node, problems);
  reasonWarning(node, problems);
  fieldListWarnings(flow, node, problems);
}
