/**
 * A case's subflow links as its view shows them, read from its history alone (no extra query): the
 * case that started it (`instance.started`'s `parent`) and the children its subflow nodes started
 * (`subflow.started`, then `subflow.ended` with the child's status and outcome).
 */
import type { HistoryEvent, SubflowParent } from '../../engine/index.js';

export interface SubflowChildView {
  node: string;
  flow: string;
  recordId: string;
  /** `active` while the child runs; `not_started` when it could not start (no such record then). */
  status: 'active' | 'done' | 'failed' | 'cancelled' | 'not_started';
  outcome?: string;
}

export interface SubflowLinksView {
  parent?: SubflowParent;
  subflows?: SubflowChildView[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function parentOf(event: HistoryEvent | undefined): SubflowParent | undefined {
  const p =
    event?.type === 'instance.started'
      ? (event.detail?.parent as Record<string, unknown> | undefined)
      : undefined;
  const recordId = text(p?.recordId);
  const instanceId = text(p?.instanceId);
  const node = text(p?.node);
  const flow = text(p?.flow);
  return recordId && instanceId && node && flow ? { recordId, instanceId, node, flow } : undefined;
}

const ENDED: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled', 'not_started']);

export function subflowLinks(history: readonly HistoryEvent[]): SubflowLinksView {
  const children: SubflowChildView[] = [];
  for (const event of history) {
    const recordId = text(event.detail?.recordId);
    if (!event.node || !recordId) continue;
    if (event.type === 'subflow.started') {
      children.push({ node: event.node, flow: text(event.detail?.flow) ?? '', recordId, status: 'active' });
    } else if (event.type === 'subflow.ended') {
      const child = children.find(
        (c) => c.recordId === recordId && c.node === event.node && c.status === 'active',
      );
      const status = text(event.detail?.status);
      if (!child || !status || !ENDED.has(status)) continue;
      child.status = status as SubflowChildView['status'];
      const outcome = text(event.detail?.outcome);
      if (outcome) child.outcome = outcome;
    }
  }
  const parent = parentOf(history[0]);
  return { ...(parent ? { parent } : {}), ...(children.length > 0 ? { subflows: children } : {}) };
}

/**
 * The links a customer may follow: only to records they may open (`visibleIds` answers which of
 * the ids those are). Staff see every link.
 */
export async function linksShownTo(
  links: SubflowLinksView,
  visibleIds: ((ids: string[]) => Promise<ReadonlySet<string>>) | undefined,
): Promise<SubflowLinksView> {
  if (!visibleIds || (!links.parent && !links.subflows)) return links;
  const ids = [
    ...(links.parent ? [links.parent.recordId] : []),
    ...(links.subflows ?? []).map((c) => c.recordId),
  ];
  const visible = await visibleIds([...new Set(ids)]);
  const subflows = (links.subflows ?? []).filter((c) => visible.has(c.recordId));
  return {
    ...(links.parent && visible.has(links.parent.recordId) ? { parent: links.parent } : {}),
    ...(subflows.length > 0 ? { subflows } : {}),
  };
}
