/**
 * Moving open cases between versions (issue 23): how many instances per second the migration
 * apply moves, each in its own transaction, on a SQLite file. The shop app of the migration tests
 * (tests/api/migration-shop.ts) gets `n` open cases at four steps through the case service, then
 * version 2 is published (a step renamed and mapped, a deadline and a pause changed, a form field
 * dropped) and every case is moved with the mapping, as `POST /apps/shop/migrations` does.
 *
 * npx tsx bench/migration.bench.ts [--json]   (also part of `npm run bench`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppBundle } from '../engine/index.js';
import { MigrationApply } from '../runtime/apps/migration-apply.js';
import { VersionCache } from '../runtime/apps/version-cache.js';
import { createCaseService } from '../runtime/cases/case-service.js';
import { SYSTEM_ACTOR, type Actor } from '../runtime/cases/types.js';
import { systemClock } from '../runtime/clock.js';
import { readConfig } from '../runtime/config.js';
import { openStore } from '../runtime/store/store.js';
import { shopV1, shopV2 } from '../tests/api/migration-shop.js';
import { BENCH_QUICK, nowMs } from './lib/stats.js';

export interface MigrationFigures {
  instances: number;
  /** Instances moved per second (wall clock over the whole apply, plan included). */
  perSec: number;
  moved: number;
  failed: number;
}

const CLERK: Actor = { id: 'bench-clerk', username: 'bench-clerk', roles: ['clerk'] };

export async function migrationFigures(n = BENCH_QUICK ? 500 : 2000): Promise<MigrationFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flowcase-bench-migration-'));
  const store = await openStore({ dataDir });
  try {
    const config = { ...readConfig({}), dataDir };
    const versions = new VersionCache(store);
    const cases = createCaseService(store, systemClock, config, { versions });
    const publish = async (bundle: unknown) => {
      await store.saveDraft('shop', bundle as AppBundle);
      await store.publishApp('shop', { by: SYSTEM_ACTOR.id });
    };
    await publish(shopV1());
    for (let i = 0; i < n; i++) {
      const view = await cases.createRecord(
        'shop',
        'order',
        { title: `O-${i}`, note: `note ${i}` },
        SYSTEM_ACTOR,
      );
      // A quarter each at check, review, ship and the pause.
      for (let step = 0; step < i % 4; step++) {
        const instance = await store.getInstanceByRecord(view.record.id);
        await cases.completeTask(instance!.snapshot.tasks[0]!.id, { action: 'submit' }, CLERK);
      }
    }
    await publish(shopV2());
    const started = nowMs();
    const answer = await new MigrationApply({ store, versions, clock: systemClock, config }).apply(
      'shop',
      { from: 1, to: 2, mapping: { handle: { ship: 'dispatch' } }, acceptMeaningChanges: true },
      SYSTEM_ACTOR,
    );
    const seconds = (nowMs() - started) / 1000;
    return { instances: n, perSec: answer.moved / seconds, moved: answer.moved, failed: answer.failed };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await migrationFigures();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(figures) + '\n');
  else
    process.stdout.write(
      `migration apply: ${figures.moved} of ${figures.instances} instances moved (${figures.failed} failed), ${figures.perSec.toFixed(0)} instances/s\n`,
    );
}
