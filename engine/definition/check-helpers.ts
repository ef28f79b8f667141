/**
 * Pieces the semantic checks of node kinds, field types and widget types share: a field reference
 * (of the right type), assignee and 抄送 rules, a duration, a rule, a template. Each reports into
 * the `problems` of its context with a JSON pointer; malformed input is the schema's to report, so
 * it is skipped here.
 */
import type { Problem } from '../errors.js';
import { checkRule } from '../rules/index.js';
import { checkTemplate } from '../template/index.js';
import type { BundleIndex, FieldInfo, FlowInfo, FormInfo, NodeInfo } from './bundle-index.js';
import { entries, isObject, own } from './bundle-reader.js';
import { approximateSeconds, parseIsoDuration, type IsoDuration } from './iso-duration.js';
import { isValidKey } from './types.js';

/** What a node kind's check sees: the bundle, the flow, the node; it reports into `problems`. */
export interface NodeCheckContext {
  index: BundleIndex;
  flow: FlowInfo;
  node: NodeInfo;
  /** Errors, and warnings marked `severity: 'warning'` (`bundleWarnings` lists those). */
  problems: Problem[];
}

/** What a field type's check sees: the bundle, the form, the field (a table's columns each in turn). */
export interface FieldCheckContext {
  index: BundleIndex;
  form: FormInfo;
  field: FieldInfo;
  problems: Problem[];
}

/** Field types an assignee `{field}` may name: tasks need a user; notifications may also reach an address. */
export const USER_FIELD_TYPES: ReadonlySet<string> = new Set(['user']);
export const RECIPIENT_FIELD_TYPES: ReadonlySet<string> = new Set(['user', 'email', 'phone']);
export const DATE_FIELD_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);

interface ReferenceContext {
  index: BundleIndex;
  flow: FlowInfo;
  problems: Problem[];
}

/** `key` names a field of `form` (of one of the `allowed` types, reported as `ref.not_<kind>_field`). */
export function checkFieldRef(
  ctx: { problems: Problem[] },
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

/** One assignee rule: a declared role, or a field of the flow's form holding one of `fieldTypes`. */
export function checkAssignee(
  ctx: ReferenceContext,
  rule: unknown,
  path: string,
  fieldTypes: ReadonlySet<string>,
): void {
  const role = own(rule, 'role');
  if (isValidKey(role) && ctx.index.rolesReadable && !ctx.index.roles.has(role)) {
    ctx.problems.push({
      path: `${path}/role`,
      code: 'ref.unknown_role',
      message: `Role "${role}" is not declared in the app's roles.`,
    });
  }
  checkFieldRef(
    ctx,
    ctx.flow.form,
    own(rule, 'field'),
    `${path}/field`,
    fieldTypes,
    fieldTypes === USER_FIELD_TYPES ? 'user' : 'recipient',
  );
}

/** One rule or a list of rules (a task's `assignee`). */
export function checkAssignees(
  ctx: ReferenceContext,
  value: unknown,
  path: string,
  fieldTypes: ReadonlySet<string>,
): void {
  if (Array.isArray(value)) value.forEach((rule, i) => checkAssignee(ctx, rule, `${path}/${i}`, fieldTypes));
  else if (isObject(value)) checkAssignee(ctx, value, path, fieldTypes);
}

/** 抄送 rules: like a notification's recipients, but a copy is read in the app, so a field must hold a user. */
export function checkCopies(ctx: ReferenceContext, value: unknown, path: string): void {
  if (Array.isArray(value))
    value.forEach((rule, i) => checkAssignee(ctx, rule, `${path}/${i}`, USER_FIELD_TYPES));
}

/** An ISO-8601 duration longer than zero; the parsed duration, or null (reported, or not a string). */
export function checkDuration(value: unknown, path: string, problems: Problem[]): IsoDuration | null {
  // Non-strings are reported by the schema.
  if (typeof value !== 'string') return null;
  const duration = parseIsoDuration(value);
  if (!duration) {
    problems.push({
      path,
      code: 'duration.invalid',
      message: `"${value.slice(0, 40)}" is not an ISO-8601 duration such as P1D, PT4H or P2DT12H.`,
    });
    return null;
  }
  if (approximateSeconds(duration) === 0) {
    problems.push({
      path,
      code: 'duration.invalid',
      message: `The duration "${value}" is zero; it must be longer.`,
    });
    return null;
  }
  return duration;
}

/** The rule at `owner[property]`, when there is one, over `knownFields`. */
export function checkRuleAt(
  owner: unknown,
  property: string,
  path: string,
  knownFields: ReadonlySet<string> | undefined,
  problems: Problem[],
): void {
  const rule = own(owner, property);
  if (rule !== undefined) problems.push(...checkRule(rule, { path: `${path}/${property}`, knownFields }));
}

/** A template: one text, or one per language. */
export function checkLocalizedTemplate(
  value: unknown,
  path: string,
  knownFields: ReadonlySet<string> | undefined,
  problems: Problem[],
): void {
  if (typeof value === 'string') {
    problems.push(...checkTemplate(value, { path, knownFields }));
  } else if (isObject(value)) {
    // Non-string translations and unknown languages are the schema's to report.
    for (const [language, text] of entries(value)) {
      if ((language === 'en' || language === 'zh') && typeof text === 'string') {
        problems.push(...checkTemplate(text, { path: `${path}/${language}`, knownFields }));
      }
    }
  }
}
