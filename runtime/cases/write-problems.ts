/**
 * One 422 for everything wrong with a write. The server checks what the form compiler cannot
 * (users and files exist, a customer may link the records named) and the form checks the rest
 * (options, required fields, formats, relations that resolve). Each check collects its problems as
 * a `Rejection` instead of throwing, the form runs anyway, and `rejectWrite` joins them in the
 * form's field order, so fixing one field never reveals a problem that was there all along.
 */
import type { FieldDef, LocalizedMessage, Problem } from '../../engine/index.js';
import { errorMessage, FlowcaseError, isFlowcaseError } from '../../engine/index.js';
import { problemsInFieldOrder } from '../../engine/form/index.js';

/** A check's problems and the sentence that says them (the 422's `detail` when it is the only one). */
export interface Rejection {
  message: LocalizedMessage;
  problems: readonly Problem[];
}

/**
 * The one error for a write, or undefined when nothing is wrong. `found` are the server's
 * rejections; `form` is what the form (or the engine's step) threw or reported. A form problem at
 * a path the server already refused is left out (a refused link also "does not resolve"). A form
 * error without field problems (a request the step refuses as a whole) or of another code is
 * returned as it is: it says what to fix first. Anything else thrown (a bug) gives undefined: the
 * caller rethrows it.
 *
 * @example
 * const error = rejectWrite(def.fields, [references, links], formError);
 * if (error) throw error;
 * // in a catch: throw rejectWrite(fields, found, e) ?? e;
 */
export function rejectWrite(
  fields: readonly FieldDef[],
  found: readonly (Rejection | undefined)[],
  form?: unknown,
): FlowcaseError | undefined {
  const rejections = found.filter((r): r is Rejection => r !== undefined && r.problems.length > 0);
  if (form !== undefined && !isFlowcaseError(form)) return undefined;
  const formError = form;
  if (formError && (formError.code !== 'FC_VALIDATION_FAILED' || formError.problems.length === 0))
    return formError;
  if (rejections.length === 0) return formError;
  const refused = new Set(rejections.flatMap((r) => r.problems.map((p) => p.path)));
  const formProblems = (formError?.problems ?? []).filter((p) => !refused.has(p.path));
  const messages: LocalizedMessage[] = [
    ...rejections.map((r) => r.message),
    ...(formProblems.length > 0 && formError
      ? [{ en: formError.message, zh: errorMessage(formError, 'zh') }]
      : []),
  ];
  const problems = problemsInFieldOrder(
    fields.map((f) => f.key),
    [...rejections.flatMap((r) => r.problems), ...formProblems],
  );
  return new FlowcaseError(
    'FC_VALIDATION_FAILED',
    messages.length === 1 ? messages[0] : { en: 'Some fields are invalid.', zh: '部分字段有误。' },
    {
      ...(formError && formError.path !== '' ? { path: formError.path } : {}),
      problems,
    },
  );
}
