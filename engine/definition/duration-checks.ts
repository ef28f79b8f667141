/**
 * Durations in flows: a task's `sla.due` and `sla.remind` (the reminder comes before the due time),
 * a wait node's `duration` (a wait needs exactly one of `duration` or `until`), and an event
 * node's `timeout` (an `onTimeout` needs a `timeout`) and `fallback.after` (the fallback task must
 * open before the wait times out, else it never would).
 */
import type { Problem } from '../errors.js';
import type { FlowInfo } from './bundle-index.js';
import { own } from './bundle-reader.js';
import { approximateSeconds, parseIsoDuration, type IsoDuration } from './iso-duration.js';

function checkDuration(value: unknown, path: string, problems: Problem[]): IsoDuration | null {
  // Non-strings are reported by the schema.
  if (typeof value !== 'string') return null;
  const duration = parseIsoDuration(value);
  if (!duration) {
    problems.push({
      path,
      code: 'duration.invalid',
      message: `"${value.slice(0, 40)}" is not an ISO-8601 duration such as P1D, PT4H or P2DT12H.`,
    });
    return null;
  }
  if (approximateSeconds(duration) === 0) {
    problems.push({
      path,
      code: 'duration.invalid',
      message: `The duration "${value}" is zero; it must be longer.`,
    });
    return null;
  }
  return duration;
}

export function checkDurations(flow: FlowInfo): Problem[] {
  const problems: Problem[] = [];
  for (const node of flow.nodes.values()) {
    if (node.type === 'task') {
      const sla = own(node.raw, 'sla');
      const due = checkDuration(own(sla, 'due'), `${node.path}/sla/due`, problems);
      const remind = checkDuration(own(sla, 'remind'), `${node.path}/sla/remind`, problems);
      if (due && remind && approximateSeconds(remind) >= approximateSeconds(due)) {
        problems.push({
          path: `${node.path}/sla/remind`,
          code: 'duration.remind_after_due',
          message: 'The reminder is given this long before the due time, so it must be shorter than "due".',
        });
      }
    }
    if (node.type === 'wait') {
      const hasDuration = own(node.raw, 'duration') !== undefined;
      const hasUntil = own(node.raw, 'until') !== undefined;
      checkDuration(own(node.raw, 'duration'), `${node.path}/duration`, problems);
      if (hasDuration === hasUntil) {
        problems.push({
          path: node.path,
          code: 'wait.duration_or_until',
          message: `Wait node "${node.id}" needs exactly one of "duration" or "until".`,
        });
      }
    }
    if (node.type === 'event') {
      const timeout = checkDuration(own(node.raw, 'timeout'), `${node.path}/timeout`, problems);
      const after = checkDuration(
        own(own(node.raw, 'fallback'), 'after'),
        `${node.path}/fallback/after`,
        problems,
      );
      if (timeout && after && approximateSeconds(after) >= approximateSeconds(timeout)) {
        problems.push({
          path: `${node.path}/fallback/after`,
          code: 'event.fallback_after_timeout',
          message: `The fallback task of "${node.id}" would open only after the wait has timed out; make "after" shorter than "timeout".`,
        });
      }
      if (own(node.raw, 'onTimeout') !== undefined && own(node.raw, 'timeout') === undefined) {
        problems.push({
          path: `${node.path}/onTimeout`,
          code: 'event.timeout_missing',
          message: `Event node "${node.id}" has "onTimeout" but no "timeout" duration.`,
        });
      }
    }
  }
  return problems;
}
