/**
 * Fires due timers (waits, SLA reminders and breaches, event timeouts). Timers are rows, so a timer
 * due while the server was down fires after the restart; claiming uses a lease so two processes
 * over one PostgreSQL never take the same row, and the case service marks a timer fired in the
 * same transaction as its step, so it fires exactly once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CaseService } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { PollingJob } from './polling-job.js';

export function createTimerScheduler(
  store: Store,
  cases: CaseService,
  clock: Clock,
  log: Pick<FastifyBaseLogger, 'error'>,
  owner: string,
  intervalMs = 250,
): PollingJob {
  return new PollingJob(intervalMs, async () => {
    const due = await store.claimDueTimers(clock.now().toISOString(), owner, 30_000, 50);
    for (const timer of due) {
      try {
        await cases.fireTimer(timer.id);
      } catch (err) {
        log.error({ err, timer: timer.id }, 'timer failed; it will be retried when its lease ends');
      }
    }
    return due.length;
  });
}
