/**
 * `flowcase export <app> <form> [--format csv|xlsx]`: the same streaming exporter as
 * `GET …/export` (runtime/reports), as the system administrator, written to `out` (stdout).
 */
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { SYSTEM_ACTOR } from '../cases/types.js';
import { createReportService } from '../reports/report-service.js';
import type { Services } from '../services.js';

/**
 * Streams every record of the form to `out` and resolves with the number written. A reader that
 * closes the pipe early (`flowcase export … | head`) ends the export there, as the HTTP route does
 * for a client that went away: `out` is destroyed, which the exporter takes as its stop.
 */
export async function exportCommand(
  services: Services,
  app: string,
  form: string,
  format: 'csv' | 'xlsx',
  out: Writable,
): Promise<number> {
  const reports = createReportService(services);
  let pipeClosed = false;
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code !== 'EPIPE') return;
    pipeClosed = true;
    out.destroy();
  };
  // Kept after the export too: the EPIPE of its last write may be emitted only after it returns.
  out.on('error', onError);
  try {
    const write = await reports.prepareExport(app, form, format, {}, SYSTEM_ACTOR);
    const count = await write(out);
    if (!out.writableFinished && !pipeClosed) {
      try {
        await finished(out);
      } catch (e) {
        if (!pipeClosed) throw e;
      }
    }
    return count;
  } finally {
    await reports.close();
  }
}
