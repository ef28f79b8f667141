/**
 * `flowcase export <app> <form> [--format csv|xlsx]`: the same streaming exporter as
 * `GET …/export` (runtime/reports), as the system administrator, written to `out` (stdout).
 */
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { SYSTEM_ACTOR } from '../cases/types.js';
import { createReportService } from '../reports/report-service.js';
import type { Services } from '../services.js';

/** Streams every record of the form to `out` and resolves with the number written. */
export async function exportCommand(services: Services, app: string, form: string, format: 'csv' | 'xlsx', out: Writable): Promise<number> {
  const reports = createReportService(services);
  try {
    const write = await reports.prepareExport(app, form, format, {}, SYSTEM_ACTOR);
    const count = await write(out);
    if (!out.writableFinished) await finished(out);
    return count;
  } finally {
    await reports.close();
  }
}
