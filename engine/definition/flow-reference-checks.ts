/**
 * References made by flows: the flow's form and start node; every transition target; `returnTo`
 * naming task nodes; assignees and 抄送 (`cc`) rules (declared roles, fields holding a user);
 * field keys in task permissions and backfill; a record node's form and `set` keys; a wait node's
 * `until` field; an event node's `fields` and its `fallback`'s assignees and field permissions.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import type { BundleIndex, FlowInfo, FormInfo, NodeInfo } from './bundle-index.js';
import { entries, isObject, keyAt, list, own } from './bundle-reader.js';
import { edgesOf } from './flow-edges.js';
import { isValidKey } from './types.js';

/** Field types an assignee `{field}` may name: tasks need a user; notifications may also reach an address. */
const USER_FIELD_TYPES: ReadonlySet<string> = new Set(['user']);
const RECIPIENT_FIELD_TYPES: ReadonlySet<string> = new Set(['user', 'email', 'phone']);
const DATE_FIELD_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);

interface Context {
  index: BundleIndex;
  flow: FlowInfo;
  problems: Problem[];
}

function checkField(
  ctx: Context,
  form: FormInfo | undefined,
  key: unknown,
  path: string,
  allowed?: ReadonlySet<string>,
  kind?: string,
): void {
  if (!form || !isValidKey(key)) return;
  const field = form.fields.get(key);
  if (!field) {
    ctx.problems.push({
      path,
      code: 'ref.unknown_field',
      message: `Form "${form.key}" has no field "${key}".`,
    });
  } else if (allowed && (field.type === undefined || !allowed.has(field.type))) {
    ctx.problems.push({
      path,
      code: `ref.not_${kind ?? 'expected'}_field`,
      message: `Field "${key}" is a ${field.type ?? 'malformed'} field; ${[...allowed].join(' or ')} is needed here.`,
    });
  }
}

function checkAssignee(ctx: Context, rule: unknown, path: string, fieldTypes: ReadonlySet<string>): void {
  const role = keyAt(rule, 'role');
  if (role !== undefined && ctx.index.rolesReadable && !ctx.index.roles.has(role)) {
    ctx.problems.push({
      path: `${path}/role`,
      code: 'ref.unknown_role',
      message: `Role "${role}" is not declared in the app's roles.`,
    });
  }
  checkField(
    ctx,
    ctx.flow.form,
    own(rule, 'field'),
    `${path}/field`,
    fieldTypes,
    fieldTypes === USER_FIELD_TYPES ? 'user' : 'recipient',
  );
}

function checkAssignees(ctx: Context, value: unknown, path: string, fieldTypes: ReadonlySet<string>): void {
  if (Array.isArray(value)) value.forEach((rule, i) => checkAssignee(ctx, rule, `${path}/${i}`, fieldTypes));
  else if (isObject(value)) checkAssignee(ctx, value, path, fieldTypes);
}

/** 抄送 rules: like a notification's recipients, but a copy is read in the app, so a field must hold a user. */
function checkCopies(ctx: Context, value: unknown, path: string): void {
  list(value).forEach((rule, i) => checkAssignee(ctx, rule, `${path}/${i}`, USER_FIELD_TYPES));
}

function checkTargets(ctx: Context, node: NodeInfo): void {
  for (const edge of edgesOf(node)) {
    const target = ctx.flow.nodes.get(edge.target);
    if (!target) {
      ctx.problems.push({
        path: edge.path,
        code: 'ref.unknown_node',
        message: `Node "${node.id}" leads to "${edge.target}", which is not a node of this flow.`,
      });
    } else if (edge.kind === 'return' && target.type !== 'task') {
      ctx.problems.push({
        path: edge.path,
        code: 'ref.not_task_node',
        message: `Node "${node.id}" may only return to task nodes; "${edge.target}" is a ${target.type ?? 'malformed'} node.`,
      });
    }
  }
}

function checkTask(ctx: Context, node: NodeInfo): void {
  const form = ctx.flow.form;
  checkAssignees(ctx, own(node.raw, 'assignee'), `${node.path}/assignee`, USER_FIELD_TYPES);
  list(own(own(node.raw, 'sla'), 'escalateTo')).forEach((rule, i) =>
    checkAssignee(ctx, rule, `${node.path}/sla/escalateTo/${i}`, USER_FIELD_TYPES),
  );
  checkCopies(ctx, own(own(node.raw, 'sla'), 'cc'), `${node.path}/sla/cc`);
  checkCopies(ctx, own(node.raw, 'cc'), `${node.path}/cc`);
  for (const group of ['visible', 'editable', 'required'] as const) {
    list(own(own(node.raw, 'fields'), group)).forEach((key, i) =>
      checkField(ctx, form, key, `${node.path}/fields/${group}/${i}`),
    );
  }
  list(own(node.raw, 'backfill')).forEach((key, i) =>
    checkField(ctx, form, key, `${node.path}/backfill/${i}`),
  );
}

/** An event node's payload fields, and its staff `fallback`'s assignees and field permissions. */
function checkEvent(ctx: Context, node: NodeInfo): void {
  list(own(node.raw, 'fields')).forEach((key, i) =>
    checkField(ctx, ctx.flow.form, key, `${node.path}/fields/${i}`),
  );
  const fallback = own(node.raw, 'fallback');
  if (!isObject(fallback)) return;
  checkAssignees(ctx, own(fallback, 'assignee'), `${node.path}/fallback/assignee`, USER_FIELD_TYPES);
  for (const group of ['visible', 'editable', 'required'] as const) {
    list(own(own(fallback, 'fields'), group)).forEach((key, i) =>
      checkField(ctx, ctx.flow.form, key, `${node.path}/fallback/fields/${group}/${i}`),
    );
  }
}

function checkRecord(ctx: Context, node: NodeInfo): void {
  const formKey = keyAt(node.raw, 'form');
  if (formKey === undefined) return;
  const target = ctx.index.forms.get(formKey);
  if (!target) {
    if (!ctx.index.formsReadable) return;
    ctx.problems.push({
      path: `${node.path}/form`,
      code: 'ref.unknown_form',
      message: `Node "${node.id}" writes to form "${formKey}", which this app does not define.`,
    });
    return;
  }
  for (const [key] of entries(own(node.raw, 'set')))
    checkField(ctx, target, key, `${node.path}/set/${pointerSegment(key)}`);
}

export function checkFlowReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const flow of index.flows) {
    const ctx: Context = { index, flow, problems };
    const formKey = keyAt(flow.raw, 'form');
    if (formKey !== undefined && !flow.form && index.formsReadable) {
      problems.push({
        path: `${flow.path}/form`,
        code: 'ref.unknown_form',
        message: `Flow "${flow.key ?? flow.index}" runs on form "${formKey}", which this app does not define.`,
      });
    }
    const start = keyAt(flow.raw, 'start');
    if (start !== undefined && !flow.nodes.has(start)) {
      problems.push({
        path: `${flow.path}/start`,
        code: 'ref.unknown_node',
        message: `The flow starts at "${start}", which is not a node of this flow.`,
      });
    }
    for (const node of flow.nodes.values()) {
      checkTargets(ctx, node);
      if (node.type === 'task') checkTask(ctx, node);
      if (node.type === 'notify') {
        list(own(node.raw, 'to')).forEach((rule, i) =>
          checkAssignee(ctx, rule, `${node.path}/to/${i}`, RECIPIENT_FIELD_TYPES),
        );
        checkCopies(ctx, own(node.raw, 'cc'), `${node.path}/cc`);
      }
      if (node.type === 'record') checkRecord(ctx, node);
      if (
        node.type === 'record' &&
        own(node.raw, 'action') === 'update' &&
        own(node.raw, 'target') === undefined &&
        keyAt(node.raw, 'form') !== undefined &&
        keyAt(node.raw, 'form') !== formKey
      ) {
        problems.push({
          path: `${node.path}/target`,
          code: 'ref.missing_target',
          message: `Node "${node.id}" updates form "${keyAt(node.raw, 'form')}" without a target; only the flow's own form may be updated without one.`,
        });
      }
      if (node.type === 'event') checkEvent(ctx, node);
      if (node.type === 'wait')
        checkField(ctx, flow.form, own(node.raw, 'until'), `${node.path}/until`, DATE_FIELD_TYPES, 'date');
    }
  }
  return problems;
}
