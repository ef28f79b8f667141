/**
 * `parallel`: the arriving token is replaced by one token per branch, each knowing the split and
 * its branch (`Token.scope`), so the matching `join` can tell when every branch has arrived.
 */
import type { ParallelNode } from '../../definition/types.js';
import { appendHistory, removeToken, spawnToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';

export const parallelKind: NodeKind<ParallelNode> = {
  type: 'parallel',
  description: {
    label: { en: 'Parallel split', zh: '并行分支' },
    summary: {
      en: 'Runs every branch side by side; a join waits for all of them.',
      zh: '同时执行所有分支，由汇聚节点等待全部完成。',
    },
    category: 'logic',
    waits: false,
    exits: ['branches[]'],
    events: [],
  },
  enter(ctx, token, node, nodeId) {
    removeToken(ctx, token.id);
    appendHistory(ctx, 'parallel.split', { node: nodeId, detail: { branches: node.branches } });
    for (const branch of node.branches) {
      spawnToken(ctx, branch, [...(token.scope ?? []), { parallel: nodeId, branch }]);
    }
  },
};
