/**
 * What a customer may read of a form's records, as the server decides it on every read path and
 * as the definition checks judge a list view by. It lives apart from `form-access.ts` because it
 * reads notices through the template parser, which the browser does not ship.
 */
import { analyzeTemplate } from '../template/index.js';
import { customerReadFields } from './form-access.js';
import type { FlowDef, FormDef, NotifyNode } from './types.js';

/** Record metadata every reader of a record may sort and filter on. */
export const QUERYABLE_META_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'createdBy',
]);

/** The fields a notify node's texts read: a designer who writes them to the customer has disclosed them. */
export function noticeFields(node: NotifyNode): string[] {
  const texts = [node.template, node.subject].flatMap((t) =>
    t === undefined ? [] : typeof t === 'string' ? [t] : [t.en, t.zh],
  );
  return texts.flatMap((t) => (t === undefined ? [] : [...analyzeTemplate(t).roots]));
}

/** Each form's own flow: the first flow a record of it starts (`trigger.on: record.created`). */
export function flowsByForm(flows: readonly FlowDef[]): Map<string, FlowDef> {
  const byForm = new Map<string, FlowDef>();
  for (const flow of flows)
    if (flow.trigger.on === 'record.created' && !byForm.has(flow.form)) byForm.set(flow.form, flow);
  return byForm;
}

/**
 * The fields a customer holding `roles` may read on a record of `form` they may open, or
 * `undefined` when a read role of the form is theirs (they read every field).
 */
export function customerReadableFields(
  form: FormDef,
  flow: FlowDef | undefined,
  roles: readonly string[],
  customerRoles: ReadonlySet<string>,
): string[] | undefined {
  if (form.readRoles?.some((r) => roles.includes(r))) return undefined;
  return customerReadFields(form, flow, roles, customerRoles, noticeFields);
}
