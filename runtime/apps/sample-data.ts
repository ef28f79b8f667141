/**
 * Inserts a bundle's `sampleData` through the case service, form by form in the order the bundle
 * lists them. A string value `"@<form>:<n>"` anywhere in a sample record (also inside tables)
 * stands for the id of the n-th (0-based) sample record of `<form>` inserted before it, so
 * relations between sample records survive the new ids.
 */
import { FlowcaseError, pointer, type AppBundle, type Problem } from '../../engine/index.js';
import { compileVersion } from '../cases/definitions.js';
import { SYSTEM_ACTOR, type CaseService } from '../cases/types.js';

const REFERENCE = /^@([a-z][a-z0-9_]{0,62}):(\d{1,6})$/;

/** Inserts every sample record; returns the number inserted. Throws with paths under `/sampleData`. */
export async function insertSampleData(cases: CaseService, bundle: AppBundle): Promise<number> {
  const ids = new Map<string, string[]>();
  let count = 0;
  for (const [form, rows] of Object.entries(bundle.sampleData ?? {})) {
    const inserted: string[] = [];
    ids.set(form, inserted);
    for (const [index, row] of rows.entries()) {
      const at = pointer('sampleData', form, index);
      const data = resolveReferences(row, ids, at);
      try {
        const view = await cases.createRecord(bundle.key, form, data, SYSTEM_ACTOR);
        inserted.push(view.record.id);
      } catch (e) {
        if (e instanceof FlowcaseError && e.status < 500) {
          const problems: Problem[] =
            e.problems.length > 0
              ? e.problems.map((p) => ({ ...p, path: at + p.path }))
              : [{ path: at + e.path, code: e.code, message: e.message }];
          throw new FlowcaseError('FC_VALIDATION_FAILED', `Sample record ${at} was refused.`, {
            path: at,
            problems,
          });
        }
        throw e;
      }
      count += 1;
    }
  }
  return count;
}

/**
 * Every problem the sample records would meet when inserted, found without writing anything: each
 * record goes through its form's own validation, with `@<form>:<n>` references resolving to the
 * sample records checked before it. Installing checks this first, so a bad sample record refuses
 * the install instead of leaving the app installed with half its sample data.
 */
export function checkSampleData(bundle: AppBundle, at: { now: string; today: string }): Problem[] {
  const version = compileVersion(bundle.key, 0, bundle);
  const checked = new Map<string, { form: string; data: Record<string, unknown> }>();
  const placeholders = new Map<string, string[]>();
  const problems: Problem[] = [];
  const lookup = (form: string, id: string) => {
    const found = checked.get(id);
    return found && found.form === form ? { ...found.data, id } : undefined;
  };
  for (const [form, rows] of Object.entries(bundle.sampleData ?? {})) {
    const compiled = version.forms.get(form)?.compiled;
    if (!compiled) {
      problems.push({
        path: pointer('sampleData', form),
        code: 'sample.unknown_form',
        message: `The app has no form "${form}".`,
      });
      continue;
    }
    const ids: string[] = [];
    placeholders.set(form, ids);
    for (const [index, row] of rows.entries()) {
      const path = pointer('sampleData', form, index);
      const id = `@${form}:${index}`;
      try {
        const submitted = compiled.submit(resolveReferences(row, placeholders, path), {
          mode: 'create',
          now: at.now,
          today: at.today,
          user: SYSTEM_ACTOR.id,
          lookup,
          nextSequence: () => 1,
        });
        problems.push(...submitted.errors.map((p) => ({ ...p, path: path + p.path })));
        checked.set(id, { form, data: submitted.data });
      } catch (e) {
        if (!(e instanceof FlowcaseError)) throw e;
        problems.push({ path: e.path || path, code: e.code, message: e.message });
      }
      ids.push(id);
    }
  }
  return problems;
}

function resolveReferences(value: unknown, ids: ReadonlyMap<string, string[]>, at: string): unknown {
  if (typeof value === 'string') {
    const m = REFERENCE.exec(value);
    if (!m) return value;
    const id = ids.get(m[1]!)?.[Number(m[2])];
    if (id === undefined)
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        `${value} names no sample record inserted before this one.`,
        { path: at },
      );
    return id;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveReferences(v, ids, `${at}/${i}`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveReferences(v, ids, at + pointer(k));
    return out;
  }
  return value;
}
