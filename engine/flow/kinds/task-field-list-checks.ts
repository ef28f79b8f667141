/**
 * Warnings (never errors) where a task node's field lists contradict each other. The engine reads
 * them consistently anyway (`field-permissions.ts`: required implies editable, editable implies
 * visible), so nothing breaks; the warning tells the designer the lists do not say what happens:
 * - `fields.editable_not_visible`: an editable field missing from `visible` (it is shown anyway);
 * - `fields.required_not_editable`: a required field missing from `editable` (it is editable anyway);
 * - `fields.not_writable`: a field the step may edit or must fill that nobody writes (a formula, an
 *   autonumber or a `readonly` field): the step can never change it.
 */
import type { FlowInfo, NodeInfo } from '../../definition/bundle-index.js';
import { list, own } from '../../definition/bundle-reader.js';
import { isValidKey } from '../../definition/types.js';
import type { Problem } from '../../errors.js';

function keys(raw: unknown): string[] {
  return list(raw).filter(isValidKey);
}

function warn(problems: Problem[], path: string, code: string, message: string): void {
  problems.push({ path, code, message, severity: 'warning' });
}

function computed(flow: FlowInfo, key: string): string | undefined {
  const raw = flow.form?.fields.get(key)?.raw;
  if (raw === undefined) return undefined;
  if (own(raw, 'formula') !== undefined) return 'a formula';
  if (own(raw, 'type') === 'autonumber') return 'an autonumber';
  if (own(raw, 'readonly') === true) return 'read-only';
  return undefined;
}

/** Warning-level problems of one task node's field lists. */
export function fieldListWarnings(flow: FlowInfo, node: NodeInfo, problems: Problem[]): void {
  const fields = own(node.raw, 'fields');
  const visibleRaw = own(fields, 'visible');
  const visible = Array.isArray(visibleRaw) ? new Set(keys(visibleRaw)) : undefined;
  const editable = new Set(keys(own(fields, 'editable')));
  const base = `${node.path}/fields`;
  list(own(fields, 'editable')).forEach((key, i) => {
    if (!isValidKey(key)) return;
    if (visible && !visible.has(key))
      warn(
        problems,
        `${base}/editable/${i}`,
        'fields.editable_not_visible',
        `"${key}" is editable at "${node.id}" but not in its visible list; an editable field is shown anyway, so list it in visible too.`,
      );
    const why = computed(flow, key);
    if (why)
      warn(
        problems,
        `${base}/editable/${i}`,
        'fields.not_writable',
        `"${key}" is ${why} field; the step "${node.id}" can never write it.`,
      );
  });
  list(own(fields, 'required')).forEach((key, i) => {
    if (!isValidKey(key)) return;
    if (!editable.has(key))
      warn(
        problems,
        `${base}/required/${i}`,
        'fields.required_not_editable',
        `"${key}" is required at "${node.id}" but not in its editable list; a required field is editable (and shown) anyway, so list it in editable too.`,
      );
    const why = computed(flow, key);
    if (why && !editable.has(key))
      warn(
        problems,
        `${base}/required/${i}`,
        'fields.not_writable',
        `"${key}" is ${why} field; the step "${node.id}" can never fill it in.`,
      );
  });
}
