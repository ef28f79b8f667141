/**
 * What a case waits for when no person holds it: a token at a `wait` node (a timer), an `event`
 * node (another system's call, perhaps with a timeout and a staff fallback), a `webhook` node (a
 * call's answer) or a `subflow` node (the child case). Read from the instance's snapshot, so the
 * record view can say "等待：满意度回访，至 12月9日 10:00" where a case has no open task.
 */
import { describeKinds, type FlowDef, type FlowSnapshot } from '../../engine/index.js';
import { nodeLabel } from './task-view.js';

/** One thing the case waits for, at one token. */
export interface WaitingView {
  node: string;
  /**
   * The node's name in the reader's language (an event node's `title`), the kind's own label when
   * it has none.
   */
  name: string;
  kind: 'timer' | 'event' | 'webhook' | 'subflow';
  /** When the token arrived at the node. */
  since: string;
  /**
   * When the wait ends: a timer's due time, or an event's timeout (then the flow goes on without
   * it). Absent: it lasts until the event, the answer or the child's end.
   */
  until?: string;
  /** An event node's staff fallback: its open task, or when it opens (staff only). */
  fallback?: { taskId?: string; opensAt?: string };
}

const KINDS = { wait: 'timer', event: 'event', webhook: 'webhook', subflow: 'subflow' } as const;
const LABELS = describeKinds();

/**
 * The waits of an active instance in token order, as `{ waiting }` to spread into the view (`{}`
 * when there are none). `customer`: the reader is the case's customer (or reads it through a
 * copy), who reads a wait node's time but not an event's internal timeout or its staff fallback.
 */
export function waitingOf(
  snapshot: FlowSnapshot,
  flow: FlowDef | undefined,
  language: string | undefined,
  customer = false,
): { waiting?: WaitingView[] } {
  if (snapshot.status !== 'active' || !flow) return {};
  const out: WaitingView[] = [];
  for (const token of snapshot.tokens) {
    const node = flow.nodes[token.node];
    if (!node || !(node.type in KINDS)) continue;
    const type = node.type as keyof typeof KINDS;
    const label = LABELS[type].label;
    const timers = snapshot.timers.filter((t) => t.tokenId === token.id);
    // An event node's `name` is the other system's key (payment.confirmed); people read its `title`.
    const name = node.type === 'event' ? node.title : node.name;
    const view: WaitingView = {
      node: token.node,
      name: nodeLabel(name, language, nodeLabel(label, language, token.node)),
      kind: KINDS[type],
      since: token.since,
    };
    const until = timers.find((t) => t.kind === (type === 'wait' ? 'wait' : 'event.timeout'));
    if (until && (type === 'wait' || !customer)) view.until = until.dueAt;
    if (type === 'event' && !customer) {
      const task = snapshot.tasks.find((t) => t.tokenId === token.id && t.fallback);
      const opens = timers.find((t) => t.kind === 'event.fallback');
      if (task) view.fallback = { taskId: task.id };
      else if (opens) view.fallback = { opensAt: opens.dueAt };
    }
    out.push(view);
  }
  return out.length > 0 ? { waiting: out } : {};
}
