/**
 * Past migrations of an app (`GET /apps/:app/migrations`), newest first, with who started each:
 * what the designer's versions page lists under the versions. A run still `running` whose
 * process died finishes when the same migration is applied again.
 */
import type { Actor } from '../cases/types.js';
import type { InstanceMigrationRow } from '../store/store.js';
import { designableVersion, type VersionDeps } from './version-history.js';

export interface MigrationRunView extends Omit<InstanceMigrationRow, 'app' | 'startedBy' | 'acceptChanges'> {
  acceptMeaningChanges: boolean;
  startedBy: { id: string; displayName: string };
}

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
    acceptMeaningChanges: acceptChanges,
    startedBy: { id: startedBy, displayName: people.get(startedBy) ?? startedBy },
  }));
}
