/**
 * A migration run recorded as `running` is listed as running only while a process has it in hand:
 * one stopped half-way (its server killed or restarted) reads as interrupted, with the rerun of
 * the same migration that finished it when there is one.
 */
import { describe, expect, it } from 'vitest';
import { runState } from '../../runtime/apps/migration-run-state.js';

const run = (id: string, startedAt: string, status: 'running' | 'done', to = 2) => ({
  id,
  kind: 'migrate' as const,
  from: 1,
  to,
  status,
  startedAt,
});
const BOOT = '2026-03-02T10:00:00.000Z';

describe('the state of a migration run', () => {
  it('is running while this process applies it', () => {
    const live = run('a', '2026-03-02T10:05:00.000Z', 'running');
    expect(runState(live, [live], new Set(['a']), BOOT)).toEqual({ status: 'running' });
  });

  it('is interrupted when it began before this process and no process has it in hand', () => {
    const dead = run('a', '2026-03-02T09:00:00.000Z', 'running');
    expect(runState(dead, [dead], new Set(), BOOT)).toEqual({ status: 'interrupted' });
  });

  it('names the later run of the same migration that finished it', () => {
    const dead = run('a', '2026-03-02T10:01:00.000Z', 'running');
    const rerun = run('b', '2026-03-02T10:02:00.000Z', 'done');
    const later = run('c', '2026-03-02T10:03:00.000Z', 'done');
    const elsewhere = run('d', '2026-03-02T10:01:30.000Z', 'done', 3);
    expect(runState(dead, [later, rerun, elsewhere, dead], new Set(), BOOT)).toEqual({
      status: 'interrupted',
      finishedBy: { id: 'b', startedAt: '2026-03-02T10:02:00.000Z' },
    });
  });

  it('is taken as running when another process may be applying it (begun since this one started)', () => {
    const other = run('a', '2026-03-02T10:05:00.000Z', 'running');
    expect(runState(other, [other], new Set(), BOOT)).toEqual({ status: 'running' });
  });

  it('is done once done', () => {
    const done = run('a', '2026-03-02T09:00:00.000Z', 'done');
    expect(runState(done, [done], new Set(), BOOT)).toEqual({ status: 'done' });
  });
});
