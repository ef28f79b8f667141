/**
 * Records other records point to (relation fields): loaded once per id, kept for the session, and
 * handed to the form engine so rules like `customer.tier` work in the browser.
 */
import { useEffect, useState } from 'react';
import { api } from './api.js';
import type { FieldDef, RecordRow, RecordView, User } from './types.js';

type Known = Record<string, Record<string, Record<string, unknown>>>;
const known: Known = {};
const loading = new Map<string, Promise<RecordRow | undefined>>();

export function rememberRecord(record: Pick<RecordRow, 'id' | 'form' | 'data'>): void {
  (known[record.form] ??= {})[record.id] = { ...record.data, id: record.id };
}

export function knownRecord(form: string, id: string): Record<string, unknown> | undefined {
  return known[form]?.[id];
}

/** The related records the engine may need for these fields' values (table rows included). */
export function relationsFor(fields: readonly FieldDef[], data: Record<string, unknown>): Known {
  const out: Known = {};
  const walk = (defs: readonly FieldDef[], values: Record<string, unknown>) => {
    for (const f of defs) {
      const v = values[f.key];
      if (f.type === 'relation' && f.form && typeof v === 'string') {
        const rec = knownRecord(f.form, v);
        if (rec) (out[f.form] ??= {})[v] = rec;
      }
      if (f.type === 'table' && Array.isArray(v))
        for (const row of v)
          if (row && typeof row === 'object') walk(f.columns ?? [], row as Record<string, unknown>);
    }
  };
  walk(fields, data);
  return out;
}

/** Loads a record by id (undefined when the user may not see it). */
export function fetchRecord(id: string): Promise<RecordRow | undefined> {
  let p = loading.get(id);
  if (!p) {
    p = api<RecordView>('GET', `/records/${encodeURIComponent(id)}`).then(
      (v) => {
        rememberRecord(v.record);
        return v.record;
      },
      () => undefined,
    );
    loading.set(id, p);
  }
  return p;
}

/** Loads every related record the values point to; resolves when all are known (or refused). */
export async function preloadRelations(
  fields: readonly FieldDef[],
  data: Record<string, unknown>,
): Promise<void> {
  const ids: string[] = [];
  for (const f of fields) {
    const v = data[f.key];
    if (f.type === 'relation' && typeof v === 'string' && f.form && !knownRecord(f.form, v)) ids.push(v);
  }
  await Promise.all(ids.map(fetchRecord));
}

/** The display text of a related record (its `display` field), loading it when needed. */
export function useRelationLabel(field: FieldDef, id: string | undefined): string | undefined {
  const form = field.form ?? '';
  const [, setTick] = useState(0);
  const rec = id ? knownRecord(form, id) : undefined;
  useEffect(() => {
    if (!id || rec) return;
    let live = true;
    void fetchRecord(id).then(() => live && setTick((t) => t + 1));
    return () => {
      live = false;
    };
  }, [id, rec]);
  if (!id) return undefined;
  if (!rec) return undefined;
  const shown = rec[field.display ?? 'name'];
  return typeof shown === 'string' || typeof shown === 'number' ? String(shown) : undefined;
}

/** Users the app knows by id: the signed-in user, and for administrators everyone. */
const users = new Map<string, User>();
let directory: Promise<void> | undefined;

export function rememberUser(user: User): void {
  users.set(user.id, user);
}

export function loadDirectory(isAdmin: boolean): Promise<void> {
  if (!isAdmin) return Promise.resolve();
  directory ??= api<User[]>('GET', '/users').then(
    (list) => list.forEach(rememberUser),
    () => undefined,
  );
  return directory;
}

export function knownUsers(): User[] {
  return [...users.values()];
}

export function userName(id: string | undefined): string | undefined {
  return id ? users.get(id)?.displayName : undefined;
}
