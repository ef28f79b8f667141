/**
 * `webhook`: asks the runtime to call `url` with the rendered `body` (retries are the runtime's
 * job, keyed by `callId`), and the token waits at the node until the runtime reports
 * `{type: 'webhook.result', node, ok}`: success continues to `next`; failure to `onError`, or, with
 * no `onError`, fails the instance with the detail as the incident reason.
 */
import type { WebhookNode } from '../../definition/types.js';
import { failInstance } from '../instance-lifecycle.js';
import { renderTemplate } from '../../template/index.js';
import { appendHistory, emit, moveToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';

export const webhookKind: NodeKind<WebhookNode> = {
  type: 'webhook',
  description: {
    label: { en: 'Webhook', zh: '调用外部接口' },
    summary: { en: 'Calls another system and waits for the result.', zh: '调用其他系统的接口并等待结果。' },
    category: 'integration',
    waits: true,
    exits: ['next', 'onError'],
    events: ['webhook.result'],
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
