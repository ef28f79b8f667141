/**
 * The outbox worker's part for `subflow.*` rows: the case service applies each row exactly once
 * (runtime/cases/subflows.ts) and marks it delivered in the same transaction. A failure (the
 * database busy, a bug) is retried with the webhooks' backoff; after the last attempt the row
 * fails and the parent case gets an incident an admin can retry.
 */
import type { OutboxRow } from '../store/store.js';
import type { OutboxDeps } from './outbox-worker.js';

/** Retry delay after `attempts` failures: 2 s, 4 s, 8 s … capped at 10 minutes. */
function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 600_000);
}

export function isSubflowRow(row: Pick<OutboxRow, 'kind'>): boolean {
  return row.kind === 'subflow.start' || row.kind === 'subflow.done' || row.kind === 'subflow.cancel';
}

export async function deliverSubflowRow(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  try {
    await deps.cases.applySubflowRow(row);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const last = row.attempts >= deps.config.webhookMaxAttempts;
    const at = deps.clock.now();
    await deps.store.failOutbox(
      row.id,
      last ? null : new Date(at.getTime() + backoffMs(row.attempts)).toISOString(),
      message,
    );
    if (!last) {
      deps.log.warn({ outbox: row.id, err: message }, 'subflow row failed; will retry');
      return;
    }
    deps.log.error({ outbox: row.id, err: message }, 'subflow row failed for good');
    if (row.instanceId) {
      const { node } = row.payload as { node?: unknown };
      // `<outbox id>:<time>`, as for webhooks: an admin's retry puts the row back in the queue.
      await deps.store.write((tx) =>
        tx.openIncident({
          id: `${row.id}:${at.getTime()}`,
          instanceId: row.instanceId!,
          node: typeof node === 'string' ? node : '',
          reason: `${row.kind} failed after ${row.attempts} attempts: ${message}`,
          createdAt: at.toISOString(),
        }),
      );
    }
  }
}
