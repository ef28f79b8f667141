/**
 * Past migrations of an app (`GET /apps/:app/migrations`), newest first, with who started each:
 * what the designer's versions page lists under the versions. A run recorded as `running` whose
 * process is gone is listed as `interrupted` (migration-run-state.ts), with the rerun that
 * finished it when the same migration was applied again.
 */
import type { Actor } from '../cases/types.js';
import type { InstanceMigrationRow } from '../store/store.js';
import { runState, type RunState } from './migration-run-state.js';
import { designableVersion, type VersionDeps } from './version-history.js';

export type MigrationRunView = Omit<InstanceMigrationRow, 'app' | 'startedBy' | 'acceptChanges' | 'status'> &
  RunState & {
    acceptMeaningChanges: boolean;
    startedBy: { id: string; displayName: string };
  };

export async function listMigrationRuns(
  deps: VersionDeps,
  app: string,
  actor: Actor,
): Promise<MigrationRunView[]> {
  await designableVersion(deps, app, actor);
  const runs = await deps.store.listInstanceMigrations(app);
  const people = new Map(
    (await deps.store.getUsers([...new Set(runs.map((r) => r.startedBy))])).map((u) => [u.id, u.displayName]),
  );
  return runs.map(({ app: _app, startedBy, acceptChanges, ...run }) => ({
    ...run,
    ...runState(run, runs),
    acceptMeaningChanges: acceptChanges,
    startedBy: { id: startedBy, displayName: people.get(startedBy) ?? startedBy },
  }));
}
