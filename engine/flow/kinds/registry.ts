/**
 * Every node kind, by type. Adding a kind is one new `*.kind.ts` file and one line here.
 */
import type { NodeDef, NodeType } from '../../definition/types.js';
import { branchKind } from './branch.kind.js';
import { endKind } from './end.kind.js';
import { eventKind } from './event.kind.js';
import { joinKind } from './join.kind.js';
import type { KindDescription, NodeKind } from './node-kind.js';
import { notifyKind } from './notify.kind.js';
import { parallelKind } from './parallel.kind.js';
import { recordKind } from './record.kind.js';
import { subflowKind } from './subflow.kind.js';
import { taskKind } from './task.kind.js';
import { waitKind } from './wait.kind.js';
import { webhookKind } from './webhook.kind.js';

type Registry = { readonly [T in NodeType]: NodeKind<Extract<NodeDef, { type: T }>> };

export const NODE_KINDS: Registry = Object.freeze({
  task: taskKind,
  branch: branchKind,
  parallel: parallelKind,
  join: joinKind,
  notify: notifyKind,
  webhook: webhookKind,
  record: recordKind,
  wait: waitKind,
  event: eventKind,
  subflow: subflowKind,
  end: endKind,
});

/** The kind that runs `node`, or undefined for a type we do not know. */
export function kindOf(node: NodeDef): NodeKind | undefined {
  return Object.prototype.hasOwnProperty.call(NODE_KINDS, node.type) ? NODE_KINDS[node.type] : undefined;
}

/** Each kind's description, for the designer's palette. */
export function describeKinds(): Record<NodeType, KindDescription> {
  const out = {} as Record<NodeType, KindDescription>;
  for (const [type, kind] of Object.entries(NODE_KINDS) as [NodeType, NodeKind][])
    out[type] = kind.description;
  return out;
}
