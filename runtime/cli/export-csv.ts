/**
 * CSV export of a form's records, page by page (keyset), so memory stays flat at any size. A BOM
 * lets Excel read Chinese text; cells that spreadsheets would run as formulas are prefixed with `'`.
 */
import type { Writable } from 'node:stream';
import type { Actor } from '../cases/types.js';
import type { Services } from '../services.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function exportCsv(services: Services, app: string, form: string, actor: Actor, out: Writable): Promise<number> {
  const version = await (services.cases as { definitions?: { latest(app: string): Promise<{ forms: ReadonlyMap<string, { def: { fields: { key: string }[] } }> }> } }).definitions?.latest(app);
  const fields = version?.forms.get(form)?.def.fields.map((f) => f.key) ?? [];
  out.write('\ufeff' + ['id', 'createdAt', 'createdBy', ...fields].map(csvCell).join(',') + '\r\n');
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await services.cases.listRecords(app, form, { limit: 500, ...(cursor ? { cursor } : {}), sort: [{ field: 'createdAt', dir: 'asc' }] }, actor);
    for (const r of page.items) {
      out.write([r.id, r.createdAt, r.createdBy, ...fields.map((f) => r.data[f])].map(csvCell).join(',') + '\r\n');
      rows += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
