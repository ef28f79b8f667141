/**
 * List views (`forms[].views`): who may use one, and what it does to a record list's query. A view
 * limited to roles is for their holders and admins; one without roles is for everyone who may list
 * the form. A view the caller may not use is refused (403 at `/view`), one the form does not have
 * is a 404, so a hand-made `view=` never widens or narrows a list silently.
 */
import type { AppBundle, FormDef, JsonLogic, ListViewDef } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { Actor } from './types.js';

export function canUseListView(view: ListViewDef, actor: Actor): boolean {
  if (!view.roles || view.roles.length === 0) return true;
  return actor.roles.includes('admin') || view.roles.some((r) => actor.roles.includes(r));
}

/** The form's views `actor` may use, in the form's order (the first is their default). */
export function usableListViews(form: FormDef, actor: Actor): ListViewDef[] {
  return (form.views ?? []).filter((v) => canUseListView(v, actor));
}

/** The bundle with each form's views cut to those `actor` may use, as the app view shows it. */
export function withUsableListViews(bundle: AppBundle, actor: Actor): AppBundle {
  let changed = false;
  const forms = bundle.forms.map((form) => {
    if (!form.views) return form;
    const views = usableListViews(form, actor);
    if (views.length === form.views.length) return form;
    changed = true;
    return { ...form, views };
  });
  return changed ? { ...bundle, forms } : bundle;
}

/** The view `key` of `form`, when `actor` may use it. */
export function listViewFor(form: FormDef | undefined, key: string, actor: Actor): ListViewDef {
  const view = form?.views?.find((v) => v.key === key);
  if (!view)
    throw new FlowcaseError(
      'FC_NOT_FOUND',
      { en: `The form has no list view "${key}".`, zh: `表单没有列表视图“${key}”。` },
      { path: '/view' },
    );
  if (!canUseListView(view, actor))
    throw new FlowcaseError(
      'FC_FORBIDDEN',
      { en: `The list view "${key}" is not for your roles.`, zh: `列表视图“${key}”不对您的角色开放。` },
      { path: '/view' },
    );
  return view;
}

/**
 * A list query under `view`: its filter ANDed with the caller's own, its sort when the caller
 * gave none.
 */
export function underListView<
  Q extends { filter?: JsonLogic; sort?: { field: string; dir: 'asc' | 'desc' }[] },
>(query: Q, view: ListViewDef | undefined): Q {
  if (!view) return query;
  const own = query.filter;
  const filter =
    view.filter === undefined
      ? own
      : own === undefined || own === null
        ? view.filter
        : { and: [view.filter, own] };
  const sort = query.sort ?? (view.sort ? [view.sort] : undefined);
  return { ...query, ...(filter !== undefined ? { filter } : {}), ...(sort ? { sort } : {}) };
}
