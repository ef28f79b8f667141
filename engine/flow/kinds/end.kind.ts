/**
 * `end`: the whole instance ends with the node's `outcome` (status `done`), even while other
 * parallel tokens live: their tasks and timers are cancelled (a terminating end). Reached inside a
 * parallel branch, the history event `instance.ended` names the split and the branch that ended
 * it (`detail.parallel`, `detail.branch`, the innermost split's).
 */
import type { EndNode } from '../../definition/types.js';
import { branchDetail, finishInstance } from '../instance-lifecycle.js';
import type { NodeKind } from './node-kind.js';
import { prop } from '../../definition/property-list.js';
import { text } from '../../definition/schema-parts.js';

export const endKind: NodeKind<EndNode> = {
  type: 'end',
  description: {
    label: { en: 'End', zh: '结束' },
    summary: {
      en: 'Ends the instance with an outcome; anything still open is cancelled.',
      zh: '以指定结果结束流程，未完成的待办一并取消。',
    },
    category: 'end',
    icon: 'flag',
    waits: false,
    exits: [],
    events: [],
  },
  definitionSchema: { properties: { outcome: text(100) } },
  properties: [
    prop('/outcome', 'text', 'Outcome', '结果', {
      help: {
        en: 'A word for how the case ended (approved, rejected…); a subflow node can route on it.',
        zh: '流程结束的结果（如 approved、rejected），子流程节点可据此分流。',
      },
    }),
  ],
  enter(ctx, token, node, nodeId) {
    const branch = branchDetail(token);
    finishInstance(ctx, 'done', {
      node: nodeId,
      ...(node.outcome !== undefined ? { outcome: node.outcome } : {}),
      ...(branch ? { detail: branch } : {}),
    });
  },
};
