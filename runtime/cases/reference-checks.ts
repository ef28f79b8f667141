/**
 * `user` and `files` values must name users and uploaded files that exist: the form compiler
 * checks their shape, the store knows whether they exist. Checked before the write transaction
 * (on SQLite the transaction holds the only connection), against what the request writes.
 *
 * A file id is no key: a write may only name files its writer uploaded or that are already on the
 * record, and anyone else's file gets the very answer an unknown id gets, so a guessed or copied
 * id neither attaches the file (which would open it through `GET /files/:id?record=`) nor tells
 * that it exists. The field's `accept` list is checked here too, once the file is the writer's.
 */
import type { FieldDef, Problem } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { Store } from '../store/store.js';
import { acceptsFile } from './file-accept.js';
import type { Actor } from './types.js';
import type { Rejection } from './write-problems.js';

interface Ref {
  kind: 'user' | 'file';
  id: string;
  path: string;
  /** For files: the field's `accept` list. */
  accept?: readonly string[];
}

function collect(fields: readonly FieldDef[], data: unknown, base: string, out: Ref[]): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const values = data as Record<string, unknown>;
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(values, field.key)) continue;
    const value = values[field.key];
    const path = `${base}/${field.key}`;
    if (field.type === 'user' && typeof value === 'string' && value !== '')
      out.push({ kind: 'user', id: value, path });
    if (field.type === 'files' && Array.isArray(value)) {
      value.forEach((id, i) => {
        if (typeof id === 'string' && id !== '')
          out.push({
            kind: 'file',
            id,
            path: `${path}/${i}`,
            ...(field.accept ? { accept: field.accept } : {}),
          });
      });
    }
    if (field.type === 'table' && Array.isArray(value))
      value.forEach((row, i) => collect(field.columns ?? [], row, `${path}/${i}`, out));
  }
}

/** Whether `data` names any user or file at all (when it does not, there is nothing to check). */
export function namesReferences(fields: readonly FieldDef[], data: unknown): boolean {
  const refs: Ref[] = [];
  collect(fields, data, '', refs);
  return refs.length > 0;
}

function notFound(ref: Ref): Problem {
  const shown = ref.id.length > 200 ? `${ref.id.slice(0, 40)}…` : ref.id;
  return ref.kind === 'user'
    ? {
        path: ref.path,
        code: 'field.user_not_found',
        message: `No active user "${shown}".`,
        zh: '该用户不存在或已停用',
      }
    : {
        path: ref.path,
        code: 'field.file_not_found',
        message: `No uploaded file "${shown}".`,
        zh: '找不到上传的文件',
      };
}

/**
 * Every user the data names that does not exist, every file that is neither `actor`'s upload nor
 * already on the record (`previous`), and every file its field does not accept; undefined when
 * there is none. Collected, not thrown, so the write's other problems are reported with them
 * (`write-problems.ts`).
 */
export async function referenceProblems(
  store: Pick<Store, 'getUser' | 'getFile'>,
  fields: readonly FieldDef[],
  data: unknown,
  actor: Pick<Actor, 'id'>,
  previous?: Readonly<Record<string, unknown>>,
): Promise<Rejection | undefined> {
  const refs: Ref[] = [];
  collect(fields, data, '', refs);
  const onRecord: Ref[] = [];
  if (previous) collect(fields, previous, '', onRecord);
  const attached = new Set(onRecord.filter((r) => r.kind === 'file').map((r) => r.id));
  const problems: Problem[] = [];
  for (const ref of refs.slice(0, 200)) {
    // A value resent unchanged was checked when it was written.
    const top = ref.path.split('/')[1] ?? '';
    if (previous && JSON.stringify(previous[top]) === JSON.stringify((data as Record<string, unknown>)[top]))
      continue;
    if (ref.id.length > 200) {
      problems.push(notFound(ref));
      continue;
    }
    if (ref.kind === 'user') {
      const user = await store.getUser(ref.id);
      if (!user || user.disabled) problems.push(notFound(ref));
      continue;
    }
    const file = await store.getFile(ref.id);
    if (!file || (file.uploadedBy !== actor.id && !attached.has(file.id))) problems.push(notFound(ref));
    else if (!acceptsFile(ref.accept, file))
      problems.push({
        path: ref.path,
        code: 'field.file_type_not_accepted',
        message: `This field takes only ${ref.accept?.join(', ') ?? ''} files; "${file.name}" is ${file.type}.`,
        zh: `此字段只接受 ${ref.accept?.join('、') ?? ''} 文件；“${file.name}”是 ${file.type}`,
      });
  }
  if (problems.length === 0) return undefined;
  const missing = problems.every((p) => p.code.endsWith('_not_found'));
  return {
    message: missing
      ? { en: 'Some fields name users or files that do not exist.', zh: '部分字段引用的用户或文件不存在。' }
      : {
          en: 'Some fields name users or files they cannot take.',
          zh: '部分字段引用了不能接受的用户或文件。',
        },
    problems,
  };
}

/** `referenceProblems`, thrown as `FC_VALIDATION_FAILED` (an import checks each row on its own). */
export async function assertReferencesExist(
  store: Pick<Store, 'getUser' | 'getFile'>,
  fields: readonly FieldDef[],
  data: unknown,
  actor: Pick<Actor, 'id'>,
  previous?: Readonly<Record<string, unknown>>,
): Promise<void> {
  const rejection = await referenceProblems(store, fields, data, actor, previous);
  if (rejection)
    throw new FlowcaseError('FC_VALIDATION_FAILED', rejection.message, { problems: rejection.problems });
}
