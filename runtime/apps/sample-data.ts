/**
 * Inserts a bundle's `sampleData` through the case service, form by form in the order the bundle
 * lists them. A string value `"@<form>:<n>"` anywhere in a sample record (also inside tables)
 * stands for the id of the n-th (0-based) sample record of `<form>` inserted before it, so
 * relations between sample records survive the new ids.
 */
import { FlowcaseError, pointer, type AppBundle, type Problem } from '../../engine/index.js';
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
          const problems: Problem[] = e.problems.length > 0 ? e.problems.map((p) => ({ ...p, path: at + p.path })) : [{ path: at + e.path, code: e.code, message: e.message }];
          throw new FlowcaseError('FC_VALIDATION_FAILED', `Sample record ${at} was refused.`, { path: at, problems });
        }
        throw e;
      }
      count += 1;
    }
  }
  return count;
}

function resolveReferences(value: unknown, ids: ReadonlyMap<string, string[]>, at: string): unknown {
  if (typeof value === 'string') {
    const m = REFERENCE.exec(value);
    if (!m) return value;
    const id = ids.get(m[1]!)?.[Number(m[2])];
    if (id === undefined) throw new FlowcaseError('FC_VALIDATION_FAILED', `${value} names no sample record inserted before this one.`, { path: at });
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
