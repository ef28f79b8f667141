/**
 * A `files` field's `accept` list, read as a browser reads an `<input accept>`: `image/*` takes
 * every image type, `application/pdf` that type, `.pdf` (or `pdf`) names ending so. Checked when a
 * record names a file, since an upload does not know which field it is for.
 */
import type { FileRow } from '../store/store.js';

function acceptsOne(entry: string, file: Pick<FileRow, 'name' | 'type'>): boolean {
  const want = entry.trim().toLowerCase();
  if (want === '') return false;
  if (want === '*' || want === '*/*') return true;
  const type = file.type.toLowerCase();
  if (want.includes('/')) return want.endsWith('/*') ? type.startsWith(want.slice(0, -1)) : type === want;
  return file.name.toLowerCase().endsWith(want.startsWith('.') ? want : `.${want}`);
}

/** Whether `file` may go into a field with this `accept` list (no list, or an empty one: any file). */
export function acceptsFile(
  accept: readonly string[] | undefined,
  file: Pick<FileRow, 'name' | 'type'>,
): boolean {
  return !accept || accept.length === 0 || accept.some((entry) => acceptsOne(entry, file));
}
