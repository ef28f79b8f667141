/**
 * Bulk import (数据导入): many records of one form in one request, for the app's staff. Each row
 * goes through the same form compiler as a single creation (defaults, formulas, autonumbers,
 * normalization, field and relation checks), and the rows are stored all or nothing: when one
 * row is wrong, the answer lists the problems by row (`/records/3/quote_fee`) and nothing is
 * stored. Imported records start no flow: an import brings in master data (customers, products,
 * known faults) or cases that were handled elsewhere, and must not send hundreds of tasks and
 * notifications.
 *
 * A CSV file is read by `engine/form/csv-rows.ts` (the header names fields by key or label) and
 * then imported the same way; a header that names no field is a problem at `/columns/<i>`, and
 * linked records and users may be named as the export writes them (see `resolveNames`).
 */
import type { Problem } from '../../engine/index.js';
import { FlowcaseError, isFlowcaseError } from '../../engine/index.js';
import { assertAppOpen } from './app-open.js';
import { csvRows, csvSyntaxMessage, parseCsv, type CsvSyntaxError } from '../../engine/form/csv-rows.js';
import type { FieldDef } from '../../engine/index.js';
import type { NewRecord, Store, UserRow } from '../store/store.js';
import { assertCanCreate, isCustomerOf, usesApp } from './access.js';
import { formOf, type AppVersion } from './definitions.js';
import { assertReferencesExist } from './reference-checks.js';
import { loadRelations } from './relation-lookups.js';
import type { StepDeps } from './step-runner.js';
import type { Actor } from './types.js';

/** Rows one request may import (a few MB of JSON; larger files go in several requests). */
export const IMPORT_MAX_ROWS = 5000;
/** Problems one answer lists at most (the first ones, in row order). */
const MAX_PROBLEMS = 200;

export type ImportDeps = Pick<StepDeps, 'store' | 'definitions' | 'now' | 'today' | 'newId'>;

export interface ImportResult {
  imported: number;
  /** The new records' ids, in the order of the rows. */
  ids: string[];
}

/** Users and files named by many rows are read once. */
function memoReferences(store: Store): Pick<Store, 'getUser' | 'getFile'> {
  const users = new Map<string, Promise<UserRow | undefined>>();
  const files = new Map<string, ReturnType<Store['getFile']>>();
  return {
    getUser: (id) => {
      let found = users.get(id);
      if (!found) users.set(id, (found = store.getUser(id)));
      return found;
    },
    getFile: (id) => {
      let found = files.get(id);
      if (!found) files.set(id, (found = store.getFile(id)));
      return found;
    },
  };
}

/** The app version to import into, once the actor may import this form's records (404, 403 otherwise). */
async function importableVersion(
  deps: ImportDeps,
  app: string,
  form: string,
  actor: Actor,
): Promise<AppVersion> {
  const version = await deps.definitions.latest(app);
  if (!usesApp(actor, version))
    throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
  formOf(version, form);
  assertCanCreate(actor, version, form);
  if (isCustomerOf(actor, version))
    throw new FlowcaseError(
      'FC_FORBIDDEN',
      { en: "Imports are for the app's staff.", zh: '只有应用的工作人员可以导入。' },
      { path: '/form' },
    );
  await assertAppOpen(deps.store, app);
  return version;
}

function atRow(index: number, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: `/records/${index}${p.path}` }));
}

export async function importRecords(
  deps: ImportDeps,
  app: string,
  form: string,
  rows: unknown,
  actor: Actor,
): Promise<ImportResult> {
  return importInto(deps, await importableVersion(deps, app, form, actor), app, form, rows, actor);
}

/** The import itself, into a version `importableVersion` has checked for the actor. */
async function importInto(
  deps: ImportDeps,
  version: AppVersion,
  app: string,
  form: string,
  rows: unknown,
  actor: Actor,
): Promise<ImportResult> {
  const { store } = deps;
  const { def, compiled } = formOf(version, form);
  if (!Array.isArray(rows) || rows.length === 0)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: 'Nothing to import: send at least one record.', zh: '没有可导入的记录。' },
      { path: '/records' },
    );
  if (rows.length > IMPORT_MAX_ROWS)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      {
        en: `At most ${IMPORT_MAX_ROWS} records per import; send the rest in another request.`,
        zh: `每次最多导入 ${IMPORT_MAX_ROWS} 条记录，其余请分批导入。`,
      },
      { path: '/records' },
    );

  const problems: Problem[] = [];
  const references = memoReferences(store);
  for (const [i, row] of rows.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    try {
      await assertReferencesExist(references, def.fields, row, actor);
    } catch (e) {
      if (!isFlowcaseError(e) || e.problems.length === 0) throw e;
      problems.push(...atRow(i, e.problems));
    }
  }

  const ids = rows.map(() => deps.newId());
  await store.write(async (tx) => {
    const at = deps.now();
    const now = at.toISOString();
    const today = deps.today(at);
    const day = today.replace(/-/g, '');
    const lookup = await loadRelations(tx, app, def.fields, rows);
    // Each row takes a number of every autonumber field, as a creation does: one block per field,
    // taken inside the transaction, so a failed import gives the numbers back.
    const firsts = new Map<string, number>();
    for (const f of def.fields)
      if (f.type === 'autonumber')
        firsts.set(f.key, await tx.nextSequence(app, form, f.key, day, rows.length));
    const language = actor.language === 'en' ? 'en' : 'zh';
    const records: NewRecord[] = [];
    for (const [i, row] of rows.entries()) {
      if (problems.length >= MAX_PROBLEMS) break;
      const submitted = compiled.submit(row, {
        mode: 'create',
        now,
        today,
        user: actor.id,
        language,
        lookup,
        nextSequence: (key) => (firsts.get(key) ?? 1) + i,
      });
      if (!submitted.ok) {
        problems.push(...atRow(i, submitted.errors));
        continue;
      }
      records.push({
        id: ids[i]!,
        app,
        form,
        version: version.version,
        data: submitted.data,
        createdBy: actor.id,
        createdAt: now,
      });
    }
    if (problems.length > 0) {
      const rowsWrong = new Set(problems.map((p) => p.path.split('/')[2])).size;
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        {
          en: `${rowsWrong} of ${rows.length} records are invalid; nothing was imported.`,
          zh: `${rows.length} 条记录中有 ${rowsWrong} 条有误，未导入任何记录。`,
        },
        { problems: problems.slice(0, MAX_PROBLEMS) },
      );
    }
    await tx.insertRecords(records);
  });
  return { imported: ids.length, ids };
}

/** A CSV syntax error as a problem: a data row's at `/records/<i>` (as its fields' problems), the header's at `/columns/<c>`. */
function syntaxProblem(e: CsvSyntaxError, header: string | undefined, en: boolean): Problem {
  return {
    path: e.row === 0 ? `/columns/${e.column}` : `/records/${e.row - 1}`,
    code: e.code,
    message: csvSyntaxMessage(e, header, en ? 'en' : 'zh'),
  };
}

/** Imports a CSV file's rows (see `engine/form/csv-rows.ts`); unknown columns are problems at `/columns/<i>`. */
export async function importCsv(
  deps: ImportDeps,
  app: string,
  form: string,
  text: string,
  actor: Actor,
): Promise<ImportResult> {
  // Checked before the file is read: resolving names reads other forms' records.
  const version = await importableVersion(deps, app, form, actor);
  const { def } = formOf(version, form);
  const { rows: table, errors } = parseCsv(text);
  // Problems are shown beside the rows' field messages, which come in the user's language.
  const en = actor.language === 'en';
  if (errors.length > 0)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      {
        en: 'The file is not readable CSV; nothing was imported.',
        zh: '文件不是可读取的 CSV，未导入任何记录。',
      },
      { problems: errors.map((e) => syntaxProblem(e, table[0]?.[e.column], en)) },
    );
  if (table.length < 2)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      {
        en: 'Nothing to import: the file needs a header row naming the fields and at least one row.',
        zh: '没有可导入的内容：文件需要一行字段名表头和至少一行数据。',
      },
      { path: '' },
    );
  const read = csvRows(def, table);
  const problems: Problem[] = [
    ...read.unknownColumns.map(({ index, header }) => {
      const name = header.slice(0, 60);
      return {
        path: `/columns/${index}`,
        code: 'import.unknown_column',
        message: en ? `"${name}" names no field of this form.` : `“${name}”不是此表单的字段。`,
      };
    }),
    ...read.unsupportedColumns.map(({ index, field }) => ({
      path: `/columns/${index}`,
      code: 'import.not_a_cell',
      message: en ? `"${field}" cannot be imported from a CSV cell.` : `“${field}”不能从 CSV 单元格导入。`,
    })),
  ];
  if (problems.length > 0)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      {
        en: 'Some columns cannot be imported; nothing was imported.',
        zh: '部分列无法导入，未导入任何记录。',
      },
      { problems },
    );
  const named = await resolveNames(deps.store, app, def.fields, read.rows, en);
  if (named.length > 0)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      {
        en: 'Some names match more than one record or user; nothing was imported.',
        zh: '部分名称对应多条记录或多个用户，未导入任何记录。',
      },
      { problems: named.slice(0, MAX_PROBLEMS) },
    );
  return importInto(deps, version, app, form, read.rows, actor);
}

/** Names looked up per query (an `in` filter over the linked form's display field). */
const NAMES_PER_QUERY = 100;

/**
 * A CSV export writes a linked record by its display value and a user by display name, so an
 * import of it names them that way: cells of relation and user columns that are not ids are
 * replaced (in `rows`) by the id of the one record or user of that name. A name that matches
 * several is a problem at its cells; one that matches none stays, and the form's validation
 * reports it as not found.
 */
async function resolveNames(
  store: Store,
  app: string,
  fields: readonly FieldDef[],
  rows: Record<string, unknown>[],
  en: boolean,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const ambiguous = (field: string, name: string): void => {
    for (const [i, row] of rows.entries()) {
      if (row[field] === name)
        problems.push({
          path: `/records/${i}/${field}`,
          code: 'import.ambiguous_name',
          message: en ? `"${name}" matches more than one; use the id.` : `“${name}”对应多条，请填写 ID。`,
        });
    }
  };
  let users: Map<string, string[]> | undefined;
  for (const field of fields) {
    if (field.type !== 'relation' && field.type !== 'user') continue;
    const texts = [
      ...new Set(rows.map((r) => r[field.key]).filter((v): v is string => typeof v === 'string' && v !== '')),
    ];
    if (texts.length === 0) continue;
    const ids = new Map<string, string[]>();
    if (field.type === 'user') {
      if (!users) {
        users = new Map();
        for (const u of await store.listUsers()) {
          if (u.disabled) continue;
          for (const name of new Set([u.id, u.username, u.displayName]))
            users.set(name, [...(users.get(name) ?? []), u.id]);
        }
      }
      for (const t of texts) ids.set(t, users.get(t) ?? []);
    } else if (field.form) {
      const existing = new Set(
        (await store.getRecords(texts.filter((t) => t.length <= 100)))
          .filter((r) => r.app === app && r.form === field.form)
          .map((r) => r.id),
      );
      const names = texts.filter((t) => !existing.has(t));
      for (const t of existing) ids.set(t, [t]);
      const display = field.display ?? 'name';
      for (let from = 0; from < names.length; from += NAMES_PER_QUERY) {
        const chunk = names.slice(from, from + NAMES_PER_QUERY);
        for (const t of chunk) ids.set(t, []);
        let cursor: string | undefined;
        do {
          const page = await store.listRecords(app, field.form, {
            filter: { in: [{ var: display }, chunk] },
            limit: 500,
            ...(cursor ? { cursor } : {}),
          });
          for (const r of page.items) {
            const name = r.data[display];
            if (typeof name === 'string' && ids.has(name)) ids.get(name)!.push(r.id);
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
    }
    for (const [text, found] of ids) {
      if (found.length > 1 && !found.includes(text)) ambiguous(field.key, text);
      else if (found.length === 1 && found[0] !== text)
        for (const row of rows) if (row[field.key] === text) row[field.key] = found[0];
    }
  }
  return problems;
}
