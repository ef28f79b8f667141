/**
 * `validateBundle`: the one entry point that says whether a `flowcase/app@1` bundle may be saved.
 *
 * Order matters for safety, not for the result: first the iterative input limits (so nothing
 * later can overflow the stack or walk a 10 MB string), then the JSON Schema, then the semantic
 * checks, each reading the raw input defensively. Graph checks (reachability, joins) run only on
 * flows whose nodes the schema accepted, since a malformed node makes the graph guesswork.
 */
import type { Problem } from '../errors.js';
import { indexBundle, type FlowInfo } from './bundle-index.js';
import { checkDashboardReferences } from './dashboard-reference-checks.js';
import { checkFlowReferences } from './flow-reference-checks.js';
import { checkFormReferences } from './form-reference-checks.js';
import { checkInputLimits } from './input-limits.js';
import { checkJoins } from './join-checks.js';
import { checkKeys } from './key-checks.js';
import { checkKinds } from './kind-checks.js';
import { checkLayoutSize } from './layout-checks.js';
import { checkCustomerListViews, checkListViews } from './list-view-checks.js';
import { checkReachability } from './reachability-checks.js';
import { checkRelatedLists } from './related-list-checks.js';
import { checkRules } from './rule-checks.js';
import { checkScenarios } from './scenario-checks.js';
import { checkSchema } from './schema-validator.js';
import { checkSubflows } from './subflow-checks.js';

/** More problems than this say nothing more useful; the list ends with a note instead. */
export const MAX_PROBLEMS = 1000;

function byPath(a: Problem, b: Problem): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function finish(problems: Problem[]): Problem[] {
  const sorted = problems.sort(byPath);
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  return [
    ...sorted.slice(0, MAX_PROBLEMS),
    {
      path: '',
      code: 'bundle.too_many_problems',
      message: `Only the first ${MAX_PROBLEMS} of ${sorted.length} problems are listed.`,
    },
  ];
}

function graphIsReadable(flow: FlowInfo, schemaProblems: readonly Problem[]): boolean {
  const nodes = `${flow.path}/nodes`;
  return !schemaProblems.some(
    (p) => p.path === nodes || p.path.startsWith(`${nodes}/`) || p.path === `${flow.path}/start`,
  );
}

/**
 * Returns every problem of a bundle, sorted by JSON pointer; an empty list means it is valid.
 * Never throws, whatever the input.
 *
 * @example validateBundle(JSON.parse(body)).forEach((p) => console.log(p.path, p.code, p.message));
 */
export function validateBundle(json: unknown): Problem[] {
  return validateBundleWith(json, checkSchema);
}

/**
 * `validateBundle` with another shape check: `validateWidget` checks one widget's shape alone and
 * runs every other check over its probe bundle as a bundle's are run.
 */
export function validateBundleWith(json: unknown, shapeCheck: (json: unknown) => Problem[]): Problem[] {
  try {
    const limits = checkInputLimits(json);
    if (limits.length > 0) return finish(limits);

    const schema = shapeCheck(json);
    const index = indexBundle(json);
    const problems: Problem[] = [
      ...schema,
      ...checkKeys(json),
      ...checkLayoutSize(json),
      ...checkFormReferences(index),
      ...checkFlowReferences(index),
      ...checkDashboardReferences(index),
      ...checkRules(index),
      ...checkRelatedLists(index),
      ...checkListViews(index),
      ...checkCustomerListViews(index, schema),
      ...checkSubflows(index),
      ...checkScenarios(index),
      ...checkKinds(index).filter((p) => p.severity !== 'warning'),
    ];
    for (const flow of index.flows) {
      if (graphIsReadable(flow, schema)) problems.push(...checkReachability(flow), ...checkJoins(flow));
    }
    return finish(problems);
  } catch {
    // A getter that throws, a proxy, a revoked object: nothing a JSON body can produce, but still not ours to crash on.
    return [{ path: '', code: 'bundle.unreadable', message: 'The bundle cannot be read as JSON data.' }];
  }
}

/**
 * Warning-level problems (`severity: 'warning'`), sorted by JSON pointer: things worth fixing that
 * block neither saving nor publishing, because the engine reads them sensibly (a task node's field
 * lists that contradict each other, a reason field no action writes, a key figure's ignored
 * dimensions: the kinds' own checks, `kind-checks.ts`). `validateBundle` does not return
 * them; `flowcase validate` prints both. Never throws; empty for input over the input limits.
 *
 * @example bundleWarnings(bundle).forEach((w) => console.warn(w.path, w.code, w.message));
 */
export function bundleWarnings(json: unknown): Problem[] {
  try {
    if (checkInputLimits(json).length > 0) return [];
    const index = indexBundle(json);
    return finish(checkKinds(index).filter((p) => p.severity === 'warning'));
  } catch {
    return [];
  }
}
