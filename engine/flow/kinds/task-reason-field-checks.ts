/**
 * A task node's `reasonField`: the field a `reject` or `return` writes its comment into. It must
 * be a field of the flow's form (`ref.unknown_field`), hold text (`text`/`textarea`,
 * `ref.not_text_field`) and be one people write (`reason.not_writable`: not a formula nor
 * read-only). A node that can neither reject nor return never writes it: a warning
 * (`reason.unused`, from `bundleWarnings`).
 */
import type { FlowInfo, NodeInfo } from '../../definition/bundle-index.js';
import { list, own } from '../../definition/bundle-reader.js';
import { isValidKey } from '../../definition/types.js';
import type { Problem } from '../../errors.js';

const TEXT_TYPES: ReadonlySet<string> = new Set(['text', 'textarea']);

function reasonField(node: NodeInfo): string | undefined {
  if (node.type !== 'task') return undefined;
  const key = own(node.raw, 'reasonField');
  return isValidKey(key) ? key : undefined;
}

/** Errors: the reason field exists, holds text, and is written by people. */
export function checkReasonField(flow: FlowInfo, node: NodeInfo, problems: Problem[]): void {
  const form = flow.form;
  const key = reasonField(node);
  if (!form || key === undefined) return;
  const path = `${node.path}/reasonField`;
  const field = form.fields.get(key);
  if (!field) {
    problems.push({
      path,
      code: 'ref.unknown_field',
      message: `Form "${form.key}" has no field "${key}".`,
    });
  } else if (field.type === undefined || !TEXT_TYPES.has(field.type)) {
    problems.push({
      path,
      code: 'ref.not_text_field',
      message: `Field "${key}" is a ${field.type ?? 'malformed'} field; a reason is written into a text or textarea field.`,
    });
  } else if (own(field.raw, 'formula') !== undefined || own(field.raw, 'readonly') === true) {
    problems.push({
      path,
      code: 'reason.not_writable',
      message: `Field "${key}" is ${own(field.raw, 'formula') !== undefined ? 'a formula' : 'read-only'}; a reason cannot be written into it.`,
    });
  }
}

/** A warning: a reason field on a node whose actions include neither `reject` nor `return`. */
export function reasonWarning(node: NodeInfo, problems: Problem[]): void {
  const key = reasonField(node);
  if (key === undefined) return;
  const actions = list(own(node.raw, 'actions'));
  if (actions.includes('reject') || actions.includes('return')) return;
  problems.push({
    path: `${node.path}/reasonField`,
    code: 'reason.unused',
    message: `"${node.id}" can neither reject nor return, so nothing is ever written into "${key}".`,
    severity: 'warning',
  });
}
