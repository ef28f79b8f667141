/**
 * `FLOWCASE_OPTIMIZE_MINUTES`: how often a running server refreshes the query planner's
 * statistics (`PRAGMA optimize`). Unset means the job's default, an hour.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';

describe('FLOWCASE_OPTIMIZE_MINUTES', () => {
  it('is read in minutes, fractions allowed', () => {
    expect(readConfig({ FLOWCASE_OPTIMIZE_MINUTES: '30' }).optimizeIntervalMs).toBe(1_800_000);
    expect(readConfig({ FLOWCASE_OPTIMIZE_MINUTES: '0.5' }).optimizeIntervalMs).toBe(30_000);
  });

  it('leaves the default to the job when unset', () => {
    expect(readConfig({}).optimizeIntervalMs).toBeUndefined();
  });

  it('refuses what is not a positive number of minutes, naming the variable', () => {
    for (const bad of ['0', '-5', 'hourly', 'Infinity'])
      expect(() => readConfig({ FLOWCASE_OPTIMIZE_MINUTES: bad })).toThrow(/FLOWCASE_OPTIMIZE_MINUTES/);
  });
});
