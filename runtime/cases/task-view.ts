/**
 * The API's view of a task: the stored row plus what its node allows (actions, field permissions,
 * backfill, return targets) and only the record fields the node may see.
 */
import type { FlowDef, TaskNode } from '../../engine/index.js';
import type { RecordRow, TaskRow } from '../store/store.js';
import type { AppVersion } from './definitions.js';
import type { TaskView } from './types.js';

export function taskNodeOf(version: AppVersion, flowKey: string | undefined, node: string): { flow?: FlowDef; node?: TaskNode } {
  const flow = flowKey ? version.flows.get(flowKey) : undefined;
  const def = flow?.nodes[node];
  return { flow, node: def?.type === 'task' ? def : undefined };
}

/** Task nodes a `return` may go back to: the node's list, or every task node other than itself. */
function returnTargets(flow: FlowDef | undefined, node: TaskNode | undefined, nodeId: string): string[] {
  if (!node?.actions?.includes('return')) return [];
  if (node.returnTo) return [...node.returnTo];
  return Object.entries(flow?.nodes ?? {}).filter(([id, n]) => n.type === 'task' && id !== nodeId).map(([id]) => id);
}

export function nodeLabel(name: unknown, language: string | undefined, fallback: string): string {
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') {
    const n = name as { en?: string; zh?: string };
    return (language === 'en' ? n.en ?? n.zh : n.zh ?? n.en) ?? fallback;
  }
  return fallback;
}

export function toTaskView(task: TaskRow, version: AppVersion, flowKey: string | undefined, record: RecordRow | undefined, language?: string): TaskView {
  const { flow, node } = taskNodeOf(version, flowKey, task.node);
  const formFields = version.forms.get(task.form)?.def.fields.map((f) => f.key) ?? [];
  const visible = node?.fields?.visible ?? formFields;
  const editable = node?.fields?.editable ?? [];
  const required = node?.fields?.required ?? [];
  const compiled = version.forms.get(task.form)?.compiled;
  const data = record && compiled ? compiled.redact(record.data, visible) : {};
  return {
    ...task,
    nodeName: node?.name !== undefined ? nodeLabel(node.name, language, task.nodeName) : task.nodeName,
    actions: node?.actions ?? ['submit'],
    fields: { visible: [...visible], editable: [...editable], required: [...required] },
    data,
    backfill: node?.backfill ? [...node.backfill] : [],
    returnTargets: returnTargets(flow, node, task.node),
  };
}
