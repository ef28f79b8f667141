/**
 * Records other records point to (relation fields): loaded once per id, kept for the session, and
 * handed to the form engine so rules like `customer.tier` work in the browser. Also the people the
 * app knows (user pickers, names in timelines), per app from `GET /apps/:app/users`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from './api.js';
import type { FieldDef, RecordRow, RecordView, User } from '../contract/index.js';

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
  return useRelationLookup(field, id).label;
}

/**
 * The label of a related record and whether its look-up has settled: a page shows "loading" until
 * then and a neutral word after a refused or failed look-up, never the record's raw id.
 */
export function useRelationLookup(
  field: FieldDef,
  id: string | undefined,
): { label: string | undefined; settled: boolean } {
  const form = field.form ?? '';
  const [settledId, setSettledId] = useState<string>();
  const rec = id ? knownRecord(form, id) : undefined;
  useEffect(() => {
    if (!id || rec) return;
    let live = true;
    void fetchRecord(id).then(() => live && setSettledId(id));
    return () => {
      live = false;
    };
  }, [id, rec]);
  if (!id) return { label: undefined, settled: true };
  if (!rec) return { label: undefined, settled: settledId === id };
  const shown = rec[field.display ?? 'name'];
  return {
    label: typeof shown === 'string' || typeof shown === 'number' ? String(shown) : undefined,
    settled: true,
  };
}

/** A person as the user directory shows them (`GET /apps/:app/users`; admins' `GET /users`). */
export type Person = Pick<User, 'id' | 'username' | 'displayName'> & { roles?: string[] };

/** People the app knows by id: the signed-in user, each app's people, and for administrators everyone. */
const users = new Map<string, Person>();
let directory: Promise<void> | undefined;
/** Each app's people once loaded, or 'denied' (403: customers; any other failure until a retry). */
const appPeople = new Map<string, Person[] | 'denied'>();
const appLoading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets every person (a new sign-in may see other apps' people, or none). */
export function forgetPeople(): void {
  users.clear();
  appPeople.clear();
  appLoading.clear();
  directory = undefined;
  changed();
}

export function rememberUser(user: Person): void {
  users.set(user.id, user);
}

export function loadDirectory(isAdmin: boolean): Promise<void> {
  if (!isAdmin) return Promise.resolve();
  directory ??= api<User[]>('GET', '/users').then(
    (list) => {
      list.forEach(rememberUser);
      changed();
    },
    () => undefined,
  );
  return directory;
}

/** Loads the app's people once per session; a 403 is kept, another failure is retried next time. */
export function loadAppPeople(app: string): Promise<void> {
  let p = appLoading.get(app);
  if (!p) {
    p = api<Person[]>('GET', `/apps/${encodeURIComponent(app)}/users`).then(
      (list) => {
        list.forEach(rememberUser);
        appPeople.set(app, list);
        changed();
      },
      (e: unknown) => {
        if (!(e instanceof ApiError && e.status === 403)) appLoading.delete(app);
        appPeople.set(app, 'denied');
        changed();
      },
    );
    appLoading.set(app, p);
  }
  return p;
}

/** The app's people (undefined while loading, 'denied' when the route refuses); re-renders on load. */
export function useAppPeople(app: string | undefined): Person[] | 'denied' | undefined {
  useSyncExternalStore(subscribe, () => version);
  useEffect(() => {
    if (app) void loadAppPeople(app);
  }, [app]);
  return app ? appPeople.get(app) : undefined;
}

export function knownUsers(): Person[] {
  return [...users.values()];
}

export function userName(id: string | undefined): string | undefined {
  return id ? users.get(id)?.displayName : undefined;
}

/** `userName`, re-rendering when more people become known. */
export function useUserName(id: string | undefined): string | undefined {
  useSyncExternalStore(subscribe, () => version);
  return userName(id);
}
