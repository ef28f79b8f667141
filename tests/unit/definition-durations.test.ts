import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../engine/definition/index.js';
import { found, withFlow } from './definition-test-kit.js';

describe('ISO-8601 durations', () => {
  it.each(['P1D', 'PT1H', 'P3DT4H', 'P2W', 'P1Y2M', 'PT30M', 'PT0.5S', 'P1DT1H1M1S'])(
    'accepts %s',
    (text) => {
      expect(parseIsoDuration(text)).not.toBeNull();
    },
  );

  it.each(['', 'P', 'PT', '1D', 'P1H', 'PT1D', 'P-1D', 'p1d', 'P1.5D', 'P1DT', 'P1234567D', 'P1D ', 'P1M1Y'])(
    'rejects "%s"',
    (text) => {
      expect(parseIsoDuration(text)).toBeNull();
    },
  );

  it('reads the components', () => {
    expect(parseIsoDuration('P3DT4H')).toEqual({
      years: 0,
      months: 0,
      weeks: 0,
      days: 3,
      hours: 4,
      minutes: 0,
      seconds: 0,
    });
  });
});

describe('validateBundle: durations in flows', () => {
  it('reports an invalid SLA due, wait duration and event timeout at their paths', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.sla.due = '4 hours';
    nodes.wait_pickup = { type: 'wait', duration: 'P1', next: 'closed' };
    nodes.payment.timeout = 'P0D';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/timeout', code: 'duration.invalid' },
      { path: '/flows/0/nodes/triage/sla/due', code: 'duration.invalid' },
      { path: '/flows/0/nodes/wait_pickup/duration', code: 'duration.invalid' },
    ]);
  });

  it('requires the reminder to come before the due time', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.sla = { due: 'PT4H', remind: 'P1D' };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/triage/sla/remind', code: 'duration.remind_after_due' },
    ]);
  });

  it('requires a wait to have exactly one of duration and until', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.duration = 'P1D';
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/wait_pickup', code: 'wait.duration_or_until' }]);
    delete nodes.wait_pickup.duration;
    delete nodes.wait_pickup.until;
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/wait_pickup', code: 'wait.duration_or_until' }]);
  });

  it('requires a timeout when an event node has onTimeout', () => {
    const { bundle, nodes } = withFlow();
    delete nodes.payment.timeout;
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/payment/onTimeout', code: 'event.timeout_missing' },
    ]);
  });
});
