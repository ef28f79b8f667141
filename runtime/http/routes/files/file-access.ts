/**
 * Who may download a file. Knowing its id proves nothing (ids from before 0012 are content
 * hashes): the uploader and administrators may fetch it directly; anyone else names the record it
 * is attached to (`?record=`), must be allowed to read that record, and the file must sit in a
 * `files` field (or a table's `files` column) of what they are shown of it. A text field that
 * merely holds the id does not count, and a record's `files` fields only take files its writer
 * uploaded or that were already on it (`reference-checks.ts`), so writing a known id into one's own
 * record does not open the file either.
 */
import type { FieldDef } from '../../../../engine/index.js';
import { isAdmin } from '../../../cases/access.js';
import type { VersionCache } from '../../../apps/version-cache.js';
import { formOf } from '../../../cases/definitions.js';
import type { Actor } from '../../../cases/types.js';
import type { Services } from '../../../services.js';
import type { FileRow } from '../../../store/store.js';

function filesIn(
  fields: readonly FieldDef[],
  data: Readonly<Record<string, unknown>>,
  out: Set<string>,
): void {
  for (const field of fields) {
    const value = data[field.key];
    if (field.type === 'files' && Array.isArray(value)) {
      for (const id of value) if (typeof id === 'string') out.add(id);
    }
    if (field.type === 'table' && Array.isArray(value) && Array.isArray(field.columns)) {
      for (const row of value)
        if (typeof row === 'object' && row !== null)
          filesIn(field.columns, row as Record<string, unknown>, out);
    }
  }
}

/** Whether `actor` may download `file`, given the record they say it belongs to. Never throws for lack of access. */
export async function mayDownload(
  services: Services,
  definitions: VersionCache,
  actor: Actor,
  file: FileRow,
  recordId: string | undefined,
): Promise<boolean> {
  if (isAdmin(actor) || file.uploadedBy === actor.id) return true;
  if (!recordId) return false;
  // The record as this user is shown it: access and field visibility are the record route's own.
  const view = await services.cases.getRecord(recordId, actor).catch(() => undefined);
  if (!view) return false;
  const version = await definitions.get(view.record.app, view.record.version);
  const attached = new Set<string>();
  filesIn(formOf(version, view.record.form).def.fields, view.record.data, attached);
  return attached.has(file.id);
}
