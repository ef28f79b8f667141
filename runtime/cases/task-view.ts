/**
 * The API's view of a task: the stored row plus what its node allows (actions, field permissions,
 * backfill, return targets) and only the record fields the node may see.
 */
import type { FlowDef, TaskNode } from '../../engine/index.js';
import { normalizeFieldPermissions } from '../../engine/definition/field-permissions.js';
import { fallbackFields } from '../../engine/index.js';
import type { RecordRow, TaskRow } from '../store/store.js';
import type { AppVersion } from './definitions.js';
import type { TaskView } from './types.js';

export function taskNodeOf(
  version: AppVersion,
  flowKey: string | undefined,
  node: string,
): { flow?: FlowDef; node?: TaskNode } {
  const flow = flowKey ? version.flows.get(flowKey) : undefined;
  const def = flow?.nodes[node];
  return { flow, node: def?.type === 'task' ? def : undefined };
}

/** Task nodes a `return` may go back to: the node's list, or every task node other than itself. */
function returnTargets(flow: FlowDef | undefined, node: TaskNode | undefined, nodeId: string): string[] {
  if (!node?.actions?.includes('return')) return [];
  if (node.returnTo) return [...node.returnTo];
  return Object.entries(flow?.nodes ?? {})
    .filter(([id, n]) => n.type === 'task' && id !== nodeId)
    .map(([id]) => id);
}

export function nodeLabel(name: unknown, language: string | undefined, fallback: string): string {
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') {
    const n = name as { en?: string; zh?: string };
    return (language === 'en' ? (n.en ?? n.zh) : (n.zh ?? n.en)) ?? fallback;
  }
  return fallback;
}

/** What a task's view takes from its node, the same for every task of that node in a version. */
interface NodeParts {
  name: unknown;
  actions: string[];
  fields: { visible: string[]; editable: string[]; required: string[] };
  backfill: string[];
  returnTargets: string[];
  /** The node's own words for its actions, by action. */
  actionLabels: Record<string, unknown>;
}

/** Node parts per version (versions are immutable and cached, so this never goes stale). */
const partsByVersion = new WeakMap<AppVersion, Map<string, NodeParts>>();

function nodeParts(
  version: AppVersion,
  flowKey: string | undefined,
  form: string,
  nodeId: string,
): NodeParts {
  let byNode = partsByVersion.get(version);
  if (!byNode) partsByVersion.set(version, (byNode = new Map<string, NodeParts>()));
  const key = `${flowKey ?? ''}\u0000${form}\u0000${nodeId}`;
  let parts = byNode.get(key);
  if (!parts) {
    const { flow, node } = taskNodeOf(version, flowKey, nodeId);
    const formFields = version.forms.get(form)?.def.fields.map((f) => f.key) ?? [];
    // An event node's task is its staff fallback: submit with the fallback's fields.
    const waiting = flow?.nodes[nodeId];
    const event = waiting?.type === 'event' && waiting.fallback ? waiting : undefined;
    // Required implies editable, editable implies visible, as the engine enforces them.
    const declared = event ? fallbackFields(event) : normalizeFieldPermissions(node?.fields);
    parts = {
      name: node?.name ?? event?.fallback?.name,
      // `withdraw` is taken on the completed task (POST /tasks/:id/withdraw), not offered here.
      actions: node?.actions ? node.actions.filter((a) => a !== 'withdraw') : ['submit'],
      fields: {
        visible: [...(declared.visible ?? formFields)],
        editable: [...declared.editable],
        required: [...declared.required],
      },
      backfill: node?.backfill ? [...node.backfill] : [],
      returnTargets: returnTargets(flow, node, nodeId),
      actionLabels: { ...(node?.actionLabels ?? {}) },
    };
    byNode.set(key, parts);
  }
  return parts;
}

/** What one reply shares between its task views: each node's data, cut once. */
export interface TaskViewScope {
  /** The record's data cut to a node's visible fields, by that list. */
  redacted: Map<readonly string[], Record<string, unknown>>;
  /** The viewer's own limit (a customer's fields), applied on top of the node's. */
  viewerFields?: readonly string[];
}

/** The view of `task`; tasks of one reply should share a `scope`. */
export function toTaskView(
  task: TaskRow,
  version: AppVersion,
  flowKey: string | undefined,
  record: RecordRow | undefined,
  language?: string,
  scope?: TaskViewScope,
): TaskView {
  const parts = nodeParts(version, flowKey, task.form, task.node);
  const compiled = version.forms.get(task.form)?.compiled;
  const visible = parts.fields.visible;
  let data = scope?.redacted.get(visible);
  if (!data) {
    data = record && compiled ? compiled.redact(record.data, visible) : {};
    if (scope?.viewerFields && compiled) data = compiled.redact(data, scope.viewerFields);
    scope?.redacted.set(visible, data);
  }
  // Listed field by field rather than spread: one object shape for every view, built fast.
  return {
    id: task.id,
    instanceId: task.instanceId,
    recordId: task.recordId,
    app: task.app,
    form: task.form,
    node: task.node,
    nodeName: parts.name !== undefined ? nodeLabel(parts.name, language, task.nodeName) : task.nodeName,
    status: task.status,
    iteration: task.iteration,
    dueAt: task.dueAt,
    breached: task.breached,
    priority: task.priority,
    createdAt: task.createdAt,
    completedAt: task.completedAt,
    completedBy: task.completedBy,
    action: task.action,
    assignees: task.assignees,
    actions: parts.actions,
    fields: parts.fields,
    data,
    backfill: parts.backfill,
    returnTargets: parts.returnTargets,
    ...(Object.keys(parts.actionLabels).length > 0
      ? { actionLabels: localizedLabels(parts.actionLabels, language) }
      : {}),
  };
}

/** A node's action labels in the reader's language. */
function localizedLabels(
  labels: Record<string, unknown>,
  language: string | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).map(([action, label]) => [action, nodeLabel(label, language, action)]),
  );
}
