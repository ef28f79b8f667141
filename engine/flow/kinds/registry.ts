/**
 * Every node kind, by type. Adding a kind is one new `*.kind.ts` file and one line in
 * `NODE_KINDS`; the bundle schema, the validator, `step` and the designer's palette and property
 * panel all read the registry. `registerNodeKind` adds a kind at run time (tests, extensions); the
 * shipped kinds are fixed when this module loads, and a type registered twice throws.
 */
import { KindRegistry } from '../../definition/kind-registry.js';
import { prop, type PropertySpec } from '../../definition/property-list.js';
import type { NodeDef, NodeType } from '../../definition/types.js';
import { branchKind } from './branch.kind.js';
import { endKind } from './end.kind.js';
import { eventKind } from './event.kind.js';
import { joinKind } from './join.kind.js';
import type { KindDescription, NodeKind, NodeShape } from './node-kind.js';
import { notifyKind } from './notify.kind.js';
import { parallelKind } from './parallel.kind.js';
import { recordKind } from './record.kind.js';
import { subflowKind } from './subflow.kind.js';
import { taskKind } from './task.kind.js';
import { waitKind } from './wait.kind.js';
import { webhookKind } from './webhook.kind.js';

type Registry = { readonly [T in NodeType]: NodeKind<Extract<NodeDef, { type: T }>> };

/** The shipped kinds, in the order the palette and error messages list them. */
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

const kinds = new KindRegistry<NodeKind>('node kind', (kind) => kind.type, Object.values(NODE_KINDS));

/** Adds a node kind (tests, extensions); throws when its type is taken or is not a key. */
export function registerNodeKind<N extends NodeShape>(kind: NodeKind<N>): void {
  // The registry hands each kind only nodes of its own type, so its narrower node type holds.
  kinds.register(kind as unknown as NodeKind);
}

/** The kind that runs `node`, or undefined for a type nobody registered. */
export function kindOf(node: NodeShape): NodeKind | undefined {
  return kinds.get(node.type);
}

/** Every kind, shipped ones first (registered ones' types are any key, hence `NodeShape`). */
export function nodeKinds(): NodeKind<NodeShape>[] {
  return kinds.all();
}

/** Every node type. */
export function nodeTypes(): string[] {
  return kinds.types();
}

/** Properties every node has, whatever its kind. */
export const COMMON_NODE_PROPERTIES: readonly PropertySpec[] = Object.freeze([
  prop('/name', 'localized', 'Step name', '节点名称', {
    help: { en: 'What people see for this step.', zh: '员工和客户看到的步骤名称。' },
  }),
]);

/** Each kind's description by type, for the designer's palette (registered kinds' too). */
export function describeKinds(): Record<NodeType, KindDescription> {
  const out: Record<string, KindDescription> = {};
  for (const kind of kinds.all()) out[kind.type] = kind.description;
  return out;
}
