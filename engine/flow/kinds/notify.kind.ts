/**
 * `notify`: renders `template` (and `subject`) in both languages over the record as people read it
 * (labels, linked records' names; `engine/template/display-values.ts`) and asks the
 * runtime to send it (through the outbox) to the resolved recipients, then continues. A template
 * that cannot render fails the instance; nobody to notify is recorded, not an error. The node's `cc`
 * are copied (抄送) with the fields its texts read.
 */
import type { NotifyNode } from '../../definition/types.js';
import { resolveAssignees } from '../assignee-resolver.js';
import { failInstance } from '../instance-lifecycle.js';
import { renderLocalized } from '../localized-render.js';
import { displayValues } from '../../template/index.js';
import { notifyNodeFields, sendCopies } from '../copies.js';
import { appendHistory, emit, moveToken } from '../step-context.js';
import type { Effect } from '../types.js';
import type { NodeKind } from './node-kind.js';
import { list, own } from '../../definition/bundle-reader.js';
import {
  checkAssignee,
  checkCopies,
  checkLocalizedTemplate,
  RECIPIENT_FIELD_TYPES,
  USER_FIELD_TYPES,
} from '../../definition/check-helpers.js';
import { choices, prop } from '../../definition/property-list.js';
import { assigneeList, localized, target } from '../../definition/schema-parts.js';

export const notifyKind: NodeKind<NotifyNode> = {
  type: 'notify',
  description: {
    label: { en: 'Notify', zh: '通知' },
    summary: {
      en: 'Sends a message built from the record to roles, users or people named in fields.',
      zh: '按模板向角色、用户或字段中的人员发送消息。',
    },
    category: 'integration',
    icon: 'bell',
    waits: false,
    exits: ['next'],
    events: [],
  },
  definitionSchema: {
    properties: {
      to: assigneeList(1),
      channel: { enum: ['inapp', 'email', 'sms', 'webhook'] },
      template: localized(20_000),
      subject: localized(500),
      cc: assigneeList(),
      next: target,
    },
    required: ['to', 'channel', 'template', 'next'],
  },
  properties: [
    prop('/to', 'assignees', 'Send to', '接收人', {
      required: true,
      fieldTypes: [...RECIPIENT_FIELD_TYPES],
      help: {
        en: 'Roles, users, or fields holding a user, email or phone.',
        zh: '角色、用户，或存放成员、邮箱、电话的字段。',
      },
    }),
    prop('/channel', 'select', 'Channel', '通知方式', {
      required: true,
      default: 'inapp',
      choices: choices(
        ['inapp', 'In the app', '站内消息'],
        ['email', 'Email', '邮件'],
        ['sms', 'Text message', '短信'],
        ['webhook', 'Webhook', 'Webhook'],
      ),
    }),
    prop('/subject', 'template', 'Subject', '标题'),
    prop('/template', 'template', 'Message', '消息内容', { required: true }),
    prop('/cc', 'assignees', 'Copy to (抄送)', '抄送', { fieldTypes: [...USER_FIELD_TYPES] }),
    prop('/next', 'node', 'Then go to', '之后前往', { required: true }),
  ],
  check(ctx) {
    const { node, flow, problems } = ctx;
    list(own(node.raw, 'to')).forEach((rule, i) =>
      checkAssignee(ctx, rule, `${node.path}/to/${i}`, RECIPIENT_FIELD_TYPES),
    );
    checkCopies(ctx, own(node.raw, 'cc'), `${node.path}/cc`);
    const known = flow.form?.fieldKeys;
    checkLocalizedTemplate(own(node.raw, 'template'), `${node.path}/template`, known, problems);
    checkLocalizedTemplate(own(node.raw, 'subject'), `${node.path}/subject`, known, problems);
  },
  enter(ctx, token, node, nodeId) {
    const to = resolveAssignees(ctx, node.to);
    let effect: Extract<Effect, { type: 'notify' }>;
    // People read these texts: select values as their labels in the text's language, linked
    // records by their display field. Plain text: the sink escapes (React, the e-mail HTML part).
    const lookup = ctx.env.lookup;
    const views = {
      en: displayValues(ctx.env.form.fields, ctx.record, { language: 'en', ...(lookup ? { lookup } : {}) }),
      zh: displayValues(ctx.env.form.fields, ctx.record, { language: 'zh', ...(lookup ? { lookup } : {}) }),
    };
    const view = (language: 'en' | 'zh') => views[language];
    try {
      effect = {
        type: 'notify',
        node: nodeId,
        channel: node.channel,
        to,
        text: renderLocalized(node.template, view, 'text'),
        reason: 'node',
      };
      if (node.subject !== undefined) effect.subject = renderLocalized(node.subject, view, 'text');
    } catch (e) {
      failInstance(
        ctx,
        nodeId,
        `The message cannot be rendered: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    emit(ctx, effect);
    appendHistory(ctx, 'notify.sent', { node: nodeId, detail: { channel: node.channel, to } });
    sendCopies(ctx, node.cc, {
      node: nodeId,
      name: node.name,
      fields: notifyNodeFields(ctx, node),
      reason: 'node',
    });
    moveToken(ctx, token, node.next);
  },
};
