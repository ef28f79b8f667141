/**
 * A process that applies one migration on a SQLite data directory and prints its progress after
 * every batch (`moved <n>`), for tests/reliability/migration-kill.test.ts to kill -9 half-way.
 * Usage: node --import tsx migration-child.ts <dataDir> <app> <from> <to> <mapping JSON>
 */
import { readConfig } from '../../../runtime/config.js';
import { systemClock } from '../../../runtime/clock.js';
import { openStore } from '../../../runtime/store/store.js';
import { VersionCache } from '../../../runtime/apps/version-cache.js';
import { MigrationApply } from '../../../runtime/apps/migration-apply.js';
import { SYSTEM_ACTOR } from '../../../runtime/cases/types.js';

const [dataDir, app, from, to, mapping] = process.argv.slice(2);
const store = await openStore({ dataDir: dataDir! });
const deps = {
  store,
  versions: new VersionCache(store),
  clock: systemClock,
  config: { ...readConfig({}), dataDir: dataDir! },
};
const answer = await new MigrationApply(deps, {
  batch: 10,
  onBatch: (done) => process.stdout.write(`done ${done}\n`),
}).apply(
  app!,
  { from: Number(from), to: Number(to), mapping: JSON.parse(mapping!), acceptMeaningChanges: true },
  SYSTEM_ACTOR,
);
process.stdout.write(`finished ${JSON.stringify({ moved: answer.moved, failed: answer.failed })}\n`);
await store.close();
