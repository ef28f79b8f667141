/**
 * Shared data: the signed-in user, installed apps (with their form and flow definitions, cached for
 * the session) and a small `useAsync` hook for page loads.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api } from './api.js';
import { rememberServerZone } from './format/server-zone.js';
import type { AppSummary, AppView, FieldDef, FlowDef, FormDef, User } from '../contract/index.js';

export interface Session {
  user: User;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

const apps = new Map<string, Promise<AppView>>();
let summaries: Promise<AppSummary[]> | undefined;

export function clearCache(): void {
  apps.clear();
  summaries = undefined;
}

export function loadApp(key: string): Promise<AppView> {
  let p = apps.get(key);
  if (!p) {
    p = api<AppView>('GET', `/apps/${encodeURIComponent(key)}`).then((view) => {
      rememberServerZone(view.timeZone);
      return view;
    });
    p.catch(() => apps.delete(key));
    apps.set(key, p);
  }
  return p;
}

export async function loadApps(): Promise<AppView[]> {
  summaries ??= api<AppSummary[]>('GET', '/apps');
  const list = await summaries.catch((e: unknown) => {
    summaries = undefined;
    throw e;
  });
  return Promise.all(list.map((a) => loadApp(a.key)));
}

export function formOf(app: AppView, key: string | undefined): FormDef | undefined {
  return app.forms.find((f) => f.key === key);
}

export function flowOf(app: AppView, key: string | undefined): FlowDef | undefined {
  return app.flows.find((f) => f.key === key);
}

export function fieldOf(form: FormDef | undefined, key: string): FieldDef | undefined {
  return form?.fields.find((f) => f.key === key);
}

/** Forms the user may create records of (the server decides; this mirrors its rule for the menu). */
export function submittableForms(app: AppView, user: User): FormDef[] {
  if (user.roles.includes('admin')) return app.forms;
  const appRoles = new Set(app.roles.map((r) => r.key));
  return app.forms.filter((f) => (f.submitRoles ?? [...appRoles]).some((r) => user.roles.includes(r)));
}

export interface AsyncState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; `reload()` runs it again (keeping the old data while loading). */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `deps` stands for what `load` reads.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Calls `fn` every `ms` while the page is visible. */
export function usePolling(fn: () => void, ms: number): void {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') fn();
    }, ms);
    return () => window.clearInterval(timer);
  }, [fn, ms]);
}

export const CHANGED_EVENT = 'flowcase:changed';
export const POLL_MS = 15_000;

/** Tells the header and lists that something changed (a task done, a notification read). */
export function announceChange(): void {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

/** Runs `fn` whenever `announceChange` is called. */
export function useOnChange(fn: () => void): void {
  useEffect(() => {
    window.addEventListener(CHANGED_EVENT, fn);
    return () => window.removeEventListener(CHANGED_EVENT, fn);
  }, [fn]);
}

/** A step's name in the language, from the flow bound to the form (the task's stored name otherwise). */
export function nodeTitle(
  app: AppView | undefined,
  form: string | undefined,
  node: string,
  fallback: string,
  lang: 'zh-CN' | 'en',
): string {
  const flow = app?.flows.find((f) => f.form === form);
  const def = flow?.nodes[node] as
    { type?: string; name?: unknown; title?: unknown; fallback?: { name?: unknown } } | undefined;
  // An event node's `name` is the event's key (payment.confirmed): people read its `title` (or its
  // fallback's name); its task, the staff fallback, goes by the name stored on the task.
  if (def?.type === 'event' && fallback !== node) return fallback;
  const name = def?.type === 'event' ? (def.title ?? def.fallback?.name ?? def.name) : def?.name;
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') {
    const n = name as { en?: string; zh?: string };
    return (lang === 'en' ? (n.en ?? n.zh) : (n.zh ?? n.en)) ?? fallback;
  }
  return fallback;
}

/** A short title for a record (its autonumber, else its first filled text field), as the server names it in notices. */
export { recordTitle } from '../engine/form/record-title.js';
