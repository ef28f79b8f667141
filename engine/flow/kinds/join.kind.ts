/**
 * `join`: waits until every branch of the innermost parallel split of the arriving tokens has
 * arrived (`snapshot.joins[join]` lists the arrived branches), then one token continues outside
 * that split. Arriving tokens are consumed; a branch arriving twice counts once. A token reaching a
 * join outside any split simply passes through.
 */
import type { JoinNode } from '../../definition/types.js';
import { appendHistory, moveToken, nodeAt, removeToken, spawnToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';
import { prop } from '../../definition/property-list.js';
import { target } from '../../definition/schema-parts.js';

export const joinKind: NodeKind<JoinNode> = {
  type: 'join',
  description: {
    label: { en: 'Join', zh: '汇聚' },
    summary: {
      en: 'Waits for every branch of its parallel split, then continues once.',
      zh: '等待并行分支全部到达后继续。',
    },
    category: 'logic',
    icon: 'merge',
    waits: true,
    exits: ['next'],
    events: [],
  },
  definitionSchema: { properties: { next: target }, required: ['next'] },
  properties: [prop('/next', 'node', 'Then go to', '汇聚后前往', { required: true })],
  enter(ctx, token, node, nodeId) {
    const scope = token.scope ?? [];
    const frame = scope[scope.length - 1];
    if (frame === undefined) {
      moveToken(ctx, token, node.next);
      return;
    }
    const split = nodeAt(ctx, frame.parallel);
    const branches = split?.type === 'parallel' ? split.branches : [frame.branch];
    const joins = (ctx.snapshot.joins ??= {});
    const arrived = joins[nodeId] ?? [];
    if (!arrived.includes(frame.branch)) arrived.push(frame.branch);
    removeToken(ctx, token.id);
    if (!branches.every((b) => arrived.includes(b))) {
      joins[nodeId] = arrived;
      return;
    }
    delete joins[nodeId];
    if (Object.keys(joins).length === 0) delete ctx.snapshot.joins;
    appendHistory(ctx, 'join.completed', { node: nodeId, detail: { parallel: frame.parallel } });
    spawnToken(ctx, node.next, scope.slice(0, -1));
  },
};
