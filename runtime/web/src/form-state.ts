/**
 * What a form page edits: the draft, which fields were touched, the engine's answer for the draft
 * (formulas, hidden fields, problems) and problems the server sent back (422), merged so each
 * field shows its own errors.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { normalizeFieldPermissions } from '../../../engine/definition/field-permissions.js';
import { creationFields, customerReadFields } from '../../../engine/definition/form-access.js';
import { isCustomerIn } from './viewer.js';
import { message, type MessageCode } from '../../../engine/form/messages.js';
import { errorMap, type ErrorMap } from '../../../ui/fields/field-part.js';
import { useFormEngine } from './form-engine.js';
import { engineLang, useI18n } from './i18n.js';
import { preloadRelations, relationsFor } from '../../../ui/records.js';
import type { AppView, FieldDef, FieldPermissions, FlowDef, FormDef, Problem } from './types.js';

export interface FormStateOptions {
  app: AppView;
  form: FormDef;
  mode: 'create' | 'update';
  previous?: Record<string, unknown>;
  permissions?: FieldPermissions;
  initial: Record<string, unknown>;
  user?: string;
}

/**
 * The server words its problems in the user's stored language; a message without parameters is
 * re-worded in the language on screen (the code says which message it is).
 */
function reword(p: Problem, lang: 'en' | 'zh'): Problem {
  const code = p.code as MessageCode | undefined;
  if (!code) return p;
  try {
    if (p.message === message(code, 'en') || p.message === message(code, 'zh'))
      return { ...p, message: message(code, lang) };
  } catch {
    // not one of the form's codes
  }
  return p;
}

/** `/data/x` and `/x` both name field x. */
function normalizePath(path: string): string {
  return path.startsWith('/data/') ? path.slice(5) : path;
}

export function useFormState(o: FormStateOptions) {
  const { lang } = useI18n();
  const [draft, setDraft] = useState<Record<string, unknown>>(o.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [server, setServer] = useState<Problem[]>([]);
  const [relTick, setRelTick] = useState(0);

  useEffect(() => {
    let live = true;
    void preloadRelations(o.form.fields, { ...(o.previous ?? {}), ...o.initial }).then(
      () => live && setRelTick((t) => t + 1),
    );
    return () => {
      live = false;
    };
  }, [o.form, o.previous, o.initial]);

  const relations = useMemo(
    () => relationsFor(o.form.fields, { ...(o.previous ?? {}), ...draft }),
    [o.form, o.previous, draft, relTick],
  );
  const engine = useFormEngine({
    formKey: `${o.app.key}@${o.app.version}/${o.form.key}`,
    form: o.form,
    input: draft,
    mode: o.mode,
    ...(o.previous ? { previous: o.previous } : {}),
    ...(o.permissions ? { permissions: o.permissions } : {}),
    relations,
    now: '',
    today: '',
    language: engineLang(lang),
    ...(o.user ? { user: o.user } : {}),
  });

  const setField = useCallback((key: string, value: unknown) => {
    setDraft((d) => {
      const next = { ...d };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setTouched((t) => new Set([...t, key]));
    setServer((s) => s.filter((p) => normalizePath(p.path).split('/')[1] !== key));
  }, []);

  const touch = useCallback((key: string) => setTouched((t) => (t.has(key) ? t : new Set([...t, key]))), []);

  const problems: Problem[] = useMemo(() => {
    const local = engine?.errors ?? [];
    const fromServer = server.map((p) => reword({ ...p, path: normalizePath(p.path) }, engineLang(lang)));
    const seen = new Set(fromServer.map((p) => `${p.path}\n${p.message}`));
    return [...fromServer, ...local.filter((p) => !seen.has(`${p.path}\n${p.message}`))];
  }, [engine, server, lang]);

  const errors: ErrorMap = useMemo(() => errorMap(problems), [problems]);
  const hidden = useMemo(() => new Set(engine?.hidden ?? []), [engine]);
  const shown = engine?.evaluated ?? { ...(o.previous ?? {}), ...draft };
  const serverKeys = new Set(server.map((p) => normalizePath(p.path).split('/')[1] ?? ''));
  const showErrorsFor = showAll ? undefined : new Set([...touched, ...serverKeys]);

  return {
    draft,
    setDraft,
    setField,
    touch,
    engine,
    errors,
    problems,
    hidden,
    shown,
    showErrorsFor,
    /** Shows every problem (on a submit attempt); true when the engine found none. */
    revealAll: () => {
      setShowAll(true);
      return engine?.valid ?? false;
    },
    setServerProblems: (p: Problem[]) => {
      setServer(p);
      setShowAll(true);
    },
    ready: engine !== undefined,
  };
}

/** The first task node of the form's flow (declaration order). */
function firstTaskNode(flow: FlowDef | undefined): string | undefined {
  return Object.entries(flow?.nodes ?? {}).find(([, n]) => n.type === 'task')?.[0];
}

/**
 * Fields a new record's form shows: the creator's creation field set (the form's `access`, as the
 * server enforces it, from the engine) and the formulas the first step shows, read-only; a
 * customer sees only the formulas they may read (as their case will show them).
 */
export function createFields(
  app: AppView,
  form: FormDef,
  roles: readonly string[],
): { fields: FieldDef[]; writable: Set<string> } {
  const flow = app.flows.find((f) => f.form === form.key);
  const first = firstTaskNode(flow);
  const firstNode = first ? flow?.nodes[first] : undefined;
  const firstFields =
    firstNode?.type === 'task' ? normalizeFieldPermissions(firstNode.fields).visible : undefined;
  const firstVisible = firstFields ? new Set(firstFields) : undefined;
  const writable = new Set(creationFields(form, flow, roles, roles.includes('admin')));
  const customerRoles = new Set(app.roles.filter((r) => r.customer === true).map((r) => r.key));
  const readable = isCustomerIn(app, roles)
    ? new Set(customerReadFields(form, flow, roles, customerRoles))
    : undefined;
  const shownFormula = (f: FieldDef): boolean =>
    f.formula !== undefined &&
    (!firstVisible || firstVisible.has(f.key)) &&
    (!readable || readable.has(f.key));
  const fields = form.fields.filter((f) => writable.has(f.key) || shownFormula(f));
  return { fields, writable };
}
