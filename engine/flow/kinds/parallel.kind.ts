/**
 * `parallel`: the arriving token is replaced by one token per branch, each knowing the split and
 * its branch (`Token.scope`), so the matching `join` can tell when every branch has arrived.
 */
import type { ParallelNode } from '../../definition/types.js';
import { appendHistory, removeToken, spawnToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';
import { prop } from '../../definition/property-list.js';
import { target } from '../../definition/schema-parts.js';

export const parallelKind: NodeKind<ParallelNode> = {
  type: 'parallel',
  description: {
    label: { en: 'Parallel split', zh: '并行分支' },
    summary: {
      en: 'Runs every branch side by side; a join waits for all of them.',
      zh: '同时执行所有分支，由汇聚节点等待全部完成。',
    },
    category: 'logic',
    icon: 'split',
    waits: false,
    exits: ['branches[]'],
    events: [],
  },
  definitionSchema: {
    properties: { branches: { type: 'array', minItems: 2, maxItems: 20, items: target } },
    required: ['branches'],
  },
  properties: [
    prop('/branches', 'nodes', 'Branches', '并行分支', {
      required: true,
      help: {
        en: 'The first node of each branch; every branch meets at one join.',
        zh: '每个分支的第一个节点；各分支在同一个汇聚节点会合。',
      },
    }),
  ],
  enter(ctx, token, node, nodeId) {
    removeToken(ctx, token.id);
    appendHistory(ctx, 'parallel.split', { node: nodeId, detail: { branches: node.branches } });
    for (const branch of node.branches) {
      spawnToken(ctx, branch, [...(token.scope ?? []), { parallel: nodeId, branch }]);
    }
  },
};
