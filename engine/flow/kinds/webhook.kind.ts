/**
 * `webhook`: asks the runtime to call `url` with the rendered `body` (retries are the runtime's
 * job, keyed by `callId`), and the token waits at the node until the runtime reports
 * `{type: 'webhook.result', node, ok}`: success continues to `next`; failure to `onError`, or, with
 * no `onError`, fails the instance with the detail as the incident reason.
 */
import type { WebhookNode } from '../../definition/types.js';
import { failInstance } from '../instance-lifecycle.js';
import { checkTemplate, renderTemplate } from '../../template/index.js';
import { appendHistory, emit, moveToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';
import { own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { target, text } from '../../definition/schema-parts.js';

export const webhookKind: NodeKind<WebhookNode> = {
  type: 'webhook',
  description: {
    label: { en: 'Webhook', zh: '调用外部接口' },
    summary: { en: 'Calls another system and waits for the result.', zh: '调用其他系统的接口并等待结果。' },
    category: 'integration',
    icon: 'webhook',
    waits: true,
    exits: ['next', 'onError'],
    events: ['webhook.result'],
  },
  definitionSchema: {
    properties: {
      url: { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' },
      body: text(20_000),
      next: target,
      onError: target,
    },
    required: ['url', 'next'],
  },
  properties: [
    prop('/url', 'url', 'Address (URL)', '接口地址（URL）', { required: true }),
    prop('/body', 'template', 'Body (JSON template)', '请求内容（JSON 模板）', {
      help: { en: 'Field values are written as JSON.', zh: '字段值按 JSON 写入。' },
    }),
    prop('/next', 'node', 'On success go to', '成功后前往', { required: true }),
    prop('/onError', 'node', 'On failure go to', '失败后前往', {
      help: {
        en: 'Without it, a failed call stops the case as an incident.',
        zh: '不设置时，调用失败会使流程出错。',
      },
    }),
  ],
  check({ node, flow, problems }) {
    const body = own(node.raw, 'body');
    if (typeof body === 'string')
      problems.push(...checkTemplate(body, { path: `${node.path}/body`, knownFields: flow.form?.fieldKeys }));
  },
  enter(ctx, _token, node, nodeId) {
    let body: string;
    try {
      body = node.body === undefined ? '' : renderTemplate(node.body, ctx.record, { escape: 'json' });
    } catch (e) {
      failInstance(
        ctx,
        nodeId,
        `The webhook body cannot be rendered: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    const callId = ctx.env.newId();
    emit(ctx, { type: 'webhook.call', node: nodeId, url: node.url, body, callId });
    appendHistory(ctx, 'webhook.called', { node: nodeId, detail: { url: node.url, callId } });
  },
  accepts(_node, nodeId, event) {
    return event.type === 'webhook.result' && event.node === nodeId;
  },
  receive(ctx, token, node, event) {
    if (event.type !== 'webhook.result') return;
    const detail = event.detail !== undefined ? { detail: event.detail } : undefined;
    if (event.ok) {
      appendHistory(ctx, 'webhook.succeeded', { node: token.node, detail });
      moveToken(ctx, token, node.next);
    } else if (node.onError !== undefined) {
      appendHistory(ctx, 'webhook.failed', { node: token.node, detail });
      moveToken(ctx, token, node.onError);
    } else {
      appendHistory(ctx, 'webhook.failed', { node: token.node, detail });
      failInstance(
        ctx,
        token.node,
        `The webhook call failed${event.detail !== undefined ? `: ${event.detail}` : '.'}`,
      );
    }
  },
};
