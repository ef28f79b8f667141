/**
 * Rollback with the open cases: republishing an earlier version as the newest (version-history.ts)
 * and, when asked, moving the open cases of the version that was current onto it through the same
 * apply as a migration (migration-apply.ts), with the same mapping and acceptance of meaning
 * changes. The designer shows the plan first: a dry run from the current version to the earlier
 * one predicts it exactly, since the republished bundle is that version's.
 */
import type { Actor } from '../cases/types.js';
import { MigrationApply, type MigrationApplyAnswer, type MigrationDeps } from './migration-apply.js';
import type { NodeMapping } from '../../engine/flow/index.js';
import { designableVersion, VersionHistory } from './version-history.js';

export interface RollbackRequest {
  migrate?: boolean;
  mapping?: NodeMapping;
  acceptMeaningChanges?: boolean;
}

export interface RollbackAnswer {
  app: string;
  version: number;
  republished: number;
  /** What moving the open cases did, when `migrate` was asked. */
  migration?: MigrationApplyAnswer;
}

export async function rollback(
  deps: MigrationDeps,
  app: string,
  version: number,
  actor: Actor,
  request: RollbackRequest = {},
): Promise<RollbackAnswer> {
  const current = await designableVersion(deps, app, actor);
  const published = await new VersionHistory(deps).republish(app, version, actor, deps.clock);
  if (!request.migrate) return published;
  const migration = await new MigrationApply(deps).apply(
    app,
    {
      from: current,
      to: published.version,
      ...(request.mapping ? { mapping: request.mapping } : {}),
      ...(request.acceptMeaningChanges ? { acceptMeaningChanges: true } : {}),
    },
    actor,
    'rollback',
  );
  return { ...published, migration };
}
