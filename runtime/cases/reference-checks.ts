/**
 * `user` and `files` values must name users and uploaded files that exist: the form compiler
 * checks their shape, the store knows whether they exist. Checked before the write transaction
 * (on SQLite the transaction holds the only connection), against what the request writes.
 */
import type { FieldDef, Problem } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { Store } from '../store/store.js';

interface Ref {
  kind: 'user' | 'file';
  id: string;
  path: string;
}

function collect(fields: readonly FieldDef[], data: unknown, base: string, out: Ref[]): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const values = data as Record<string, unknown>;
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(values, field.key)) continue;
    const value = values[field.key];
    const path = `${base}/${field.key}`;
    if (field.type === 'user' && typeof value === 'string' && value !== '') out.push({ kind: 'user', id: value, path });
    if (field.type === 'files' && Array.isArray(value)) {
      value.forEach((id, i) => {
        if (typeof id === 'string' && id !== '') out.push({ kind: 'file', id, path: `${path}/${i}` });
      });
    }
    if (field.type === 'table' && Array.isArray(value)) value.forEach((row, i) => collect(field.columns ?? [], row, `${path}/${i}`, out));
  }
}

/** Whether `data` names any user or file at all (when it does not, there is nothing to check). */
export function namesReferences(fields: readonly FieldDef[], data: unknown): boolean {
  const refs: Ref[] = [];
  collect(fields, data, '', refs);
  return refs.length > 0;
}

/** Throws `FC_VALIDATION_FAILED` listing every user or file the data names that does not exist. */
export async function assertReferencesExist(store: Pick<Store, 'getUser' | 'getFile'>, fields: readonly FieldDef[], data: unknown, previous?: Readonly<Record<string, unknown>>): Promise<void> {
  const refs: Ref[] = [];
  collect(fields, data, '', refs);
  const problems: Problem[] = [];
  for (const ref of refs.slice(0, 200)) {
    // A value resent unchanged was checked when it was written.
    const top = ref.path.split('/')[1] ?? '';
    if (previous && JSON.stringify(previous[top]) === JSON.stringify((data as Record<string, unknown>)[top])) continue;
    if (ref.id.length > 200) {
      problems.push({ path: ref.path, code: ref.kind === 'user' ? 'field.user_not_found' : 'field.file_not_found', message: `No ${ref.kind} "${ref.id.slice(0, 40)}…".` });
      continue;
    }
    const found = ref.kind === 'user' ? await store.getUser(ref.id) : await store.getFile(ref.id);
    if (!found || (ref.kind === 'user' && (found as { disabled?: boolean }).disabled)) {
      problems.push({ path: ref.path, code: ref.kind === 'user' ? 'field.user_not_found' : 'field.file_not_found', message: ref.kind === 'user' ? `No active user "${ref.id}".` : `No uploaded file "${ref.id}".` });
    }
  }
  if (problems.length > 0) throw new FlowcaseError('FC_VALIDATION_FAILED', 'Some fields name users or files that do not exist.', { problems });
}
