/**
 * Keeps the query planner's statistics current while the server runs. The server runs
 * `PRAGMA optimize` when it starts, but a server that runs for weeks sees its tables grow from a
 * few hundred rows to millions: SQLite re-analyzes a table whose size changed a lot since its
 * statistics were taken, but only when asked. SQLite's advice for long-lived connections is to
 * ask every few hours; when nothing changed, the call does no work. PostgreSQL's autovacuum
 * analyzes on its own, so there `store.optimize()` does nothing.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/store.js';
import { PollingJob } from './polling-job.js';

export const STATISTICS_REFRESH_MS = 3_600_000;

export function createStatisticsRefresh(
  store: Pick<Store, 'optimize'>,
  log: Pick<FastifyBaseLogger, 'error'>,
  intervalMs = STATISTICS_REFRESH_MS,
): PollingJob {
  return new PollingJob(intervalMs, async () => {
    try {
      await store.optimize();
    } catch (err) {
      // Stale statistics only mean slower plans: try again at the next interval.
      log.error({ err }, 'PRAGMA optimize failed');
    }
    return 0;
  });
}
