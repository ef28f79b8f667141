/**
 * The definition side of the `event` kind: its schema fragment, property list and checks. The
 * payload `fields` and the staff `fallback`'s assignees and field permissions name the flow's
 * form; `timeout` and `fallback.after` are durations, and the fallback must open before the wait
 * times out (`event.fallback_after_timeout`); an `onTimeout` needs a `timeout`.
 */
import { isObject, list, own } from '../../definition/bundle-reader.js';
import {
  checkAssignees,
  checkDuration,
  checkFieldRef,
  USER_FIELD_TYPES,
  type NodeCheckContext,
} from '../../definition/check-helpers.js';
import { approximateSeconds } from '../../definition/iso-duration.js';
import { prop, type PropertySpec } from '../../definition/property-list.js';
import {
  fieldPermissions,
  keyList,
  localized,
  object,
  ref,
  target,
  type SchemaFragment,
} from '../../definition/schema-parts.js';

export const eventSchema: SchemaFragment = {
  properties: {
    name: { type: 'string', maxLength: 100, pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' },
    title: localized(200),
    next: target,
    timeout: ref('duration'),
    onTimeout: target,
    fields: keyList(200),
    fallback: object(
      {
        name: localized(200),
        assignee: ref('assignees'),
        fields: fieldPermissions(),
        after: ref('duration'),
      },
      ['assignee'],
    ),
  },
  required: ['name', 'next'],
};

const FIELD_GROUPS = ['visible', 'editable', 'required'] as const;

export const eventProperties: readonly PropertySpec[] = [
  prop('/name', 'text', 'Event name', '事件名称', {
    required: true,
    help: {
      en: 'What the other system sends, such as payment.confirmed.',
      zh: '其他系统发来的事件名，例如 payment.confirmed。',
    },
  }),
  prop('/title', 'localized', 'What the case waits for', '等待事项（显示给员工）'),
  prop('/fields', 'fields', 'Fields the event fills in', '事件写入的字段'),
  prop('/timeout', 'duration', 'Stop waiting after', '超时时长'),
  prop('/onTimeout', 'node', 'On timeout go to', '超时后前往', {
    help: {
      en: "Without it, a timeout goes on to 'Then go to'.",
      zh: '不设置时，超时后同样前往“之后前往”。',
    },
  }),
  prop('/next', 'node', 'Then go to', '之后前往', { required: true }),
  prop('/fallback/name', 'localized', 'Fallback task: name', '人工兜底任务：名称'),
  prop('/fallback/assignee', 'assignees', 'Fallback task: assignees', '人工兜底任务：处理人', {
    fieldTypes: [...USER_FIELD_TYPES],
    help: {
      en: 'Staff who can resolve the wait by hand when the system never calls.',
      zh: '其他系统一直未回调时，可由这些员工手工处理。',
    },
  }),
  prop('/fallback/after', 'duration', 'Fallback task: opens after', '人工兜底任务：等待多久后开启'),
  ...FIELD_GROUPS.map((group) =>
    prop(
      `/fallback/fields/${group}`,
      'fields',
      `Fallback task: ${group} fields`,
      `人工兜底任务：${{ visible: '可见', editable: '可编辑', required: '必填' }[group]}字段`,
    ),
  ),
];

export function checkEventNode(ctx: NodeCheckContext): void {
  const { flow, node, problems } = ctx;
  list(own(node.raw, 'fields')).forEach((key, i) =>
    checkFieldRef(ctx, flow.form, key, `${node.path}/fields/${i}`),
  );
  const fallback = own(node.raw, 'fallback');
  if (isObject(fallback)) {
    checkAssignees(ctx, own(fallback, 'assignee'), `${node.path}/fallback/assignee`, USER_FIELD_TYPES);
    for (const group of FIELD_GROUPS) {
      list(own(own(fallback, 'fields'), group)).forEach((key, i) =>
        checkFieldRef(ctx, flow.form, key, `${node.path}/fallback/fields/${group}/${i}`),
      );
    }
  }
  const timeout = checkDuration(own(node.raw, 'timeout'), `${node.path}/timeout`, problems);
  const after = checkDuration(own(fallback, 'after'), `${node.path}/fallback/after`, problems);
  if (timeout && after && approximateSeconds(after) >= approximateSeconds(timeout)) {
    problems.push({
      path: `${node.path}/fallback/after`,
      code: 'event.fallback_after_timeout',
      message: `The fallback task of "${node.id}" would open only after the wait has timed out; make "after" shorter than "timeout".`,
    });
  }
  if (own(node.raw, 'onTimeout') !== undefined && own(node.raw, 'timeout') === undefined) {
    problems.push({
      path: `${node.path}/onTimeout`,
      code: 'event.timeout_missing',
      message: `Event node "${node.id}" has "onTimeout" but no "timeout" duration.`,
    });
  }
}
