/**
 * `npm run seed -- --app after_sales --records N [--seed S] [--data-dir D] [--until ISO] [--batch B] [--workers W]`
 *
 * Fills an installed app (installing it first when missing) with a year of realistic repair
 * requests made by running the repair flow through the engine. See examples/seed/seeder.ts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seed } from './seed/seeder.js';

const { values } = parseArgs({
  options: {
    app: { type: 'string', default: 'after_sales' },
    records: { type: 'string', default: '1000' },
    seed: { type: 'string', default: 'flowcase' },
    'data-dir': { type: 'string' },
    until: { type: 'string' },
    batch: { type: 'string', default: '1000' },
    workers: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run seed -- --app after_sales --records N [--seed S] [--data-dir D] [--until YYYY-MM-DD] [--batch 1000] [--workers <cores>]',
  );
  process.exit(0);
}

const records = Number(values.records);
const batchSize = Number(values.batch);
const workers = values.workers === undefined ? undefined : Number(values.workers);
if (
  !Number.isInteger(records) ||
  records < 0 ||
  !Number.isInteger(batchSize) ||
  batchSize < 1 ||
  (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
) {
  console.error('--records, --batch and --workers take whole numbers (--batch and --workers at least 1).');
  process.exit(1);
}
const app = values.app.replace(/-/g, '_');
const dataDir = path.resolve(values['data-dir'] ?? process.env.FLOWCASE_DATA_DIR ?? './data');

try {
  const report = await seed({
    app,
    records,
    seed: values.seed,
    dataDir,
    batchSize,
    ...(workers ? { workers } : {}),
    ...(values.until
      ? { until: values.until.length === 10 ? `${values.until}T00:00:00.000Z` : values.until }
      : {}),
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.FLOWCASE_TIME_ZONE ? { timeZone: process.env.FLOWCASE_TIME_ZONE } : {}),
  });
  console.log(
    `Seeded ${report.records.toLocaleString('en')} repair requests into ${dataDir} in ${report.seconds.toFixed(1)} s: ${Math.round(report.perSecond).toLocaleString('en')} records/s with ${report.workers} worker${report.workers === 1 ? '' : 's'}.`,
  );
  console.log(
    `Status: ${Object.entries(report.statuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `Outcome: ${Object.entries(report.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (report.generatedPassword)
    console.log(`Password of the accounts created (shown once): ${report.generatedPassword}`);
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
}
