/**
 * Every migration, in order, provided in code: no file globbing, so a bundled or relocated build
 * migrates the same. Append new ones; never edit a released one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { rollups } from './0002-rollups.js';
import { analyticsIndexes } from './0003-analytics-indexes.js';
import { recordUpdatedIndex } from './0004-record-updated-index.js';
import { flowStats } from './0005-flow-stats.js';
import { flowOpenTasks } from './0006-flow-open-tasks.js';
import { flowStatsLayout } from './0007-flow-stats-layout.js';
import { rollupDayIndex } from './0008-rollup-day-index.js';
import { leanStepIndexes } from './0009-lean-step-indexes.js';
import { keyedTables } from './0010-keyed-tables.js';
import { loginHardening } from './0011-login-hardening.js';
import { fileUploads } from './0012-file-uploads.js';
import { copiesUrges } from './0013-copies-urges.js';
import { subflowLinks } from './0014-subflow-links.js';
import { draftRevision } from './0017-draft-revision.js';
import { appArchive } from './0016-app-archive.js';
import { instanceMigrations } from './0018-instance-migrations.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-rollups': rollups,
  '0003-analytics-indexes': analyticsIndexes,
  '0004-record-updated-index': recordUpdatedIndex,
  '0005-flow-stats': flowStats,
  '0006-flow-open-tasks': flowOpenTasks,
  '0007-flow-stats-layout': flowStatsLayout,
  '0008-rollup-day-index': rollupDayIndex,
  '0009-lean-step-indexes': leanStepIndexes,
  '0010-keyed-tables': keyedTables,
  '0011-login-hardening': loginHardening,
  '0012-file-uploads': fileUploads,
  '0013-copies-urges': copiesUrges,
  '0014-subflow-links': subflowLinks,
  '0017-draft-revision': draftRevision,
  '0016-app-archive': appArchive,
  '0018-instance-migrations': instanceMigrations,
};

/** The provider handed to kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
