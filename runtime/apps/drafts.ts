/**
 * Drafts as a domain: a draft is work in progress, so it may be invalid. A save only has to be a
 * JSON object of the right part (a form, a flow, a dashboard, the layout) within the input limits;
 * it answers every problem of the whole draft by JSON path, and publishing refuses a draft that
 * has any. Pure: the app service reads and stores, these functions decide.
 */
import {
  bundleWarnings,
  FlowcaseError,
  validateBundle,
  type AppBundle,
  type Problem,
} from '../../engine/index.js';
import { checkInputLimits } from '../../engine/definition/input-limits.js';

/** The parts of a bundle the designer saves one at a time (`scenarios`: the simulator's saved runs). */
export type DraftPart = 'forms' | 'flows' | 'dashboards' | 'scenarios';

/** A draft with its revision and everything wrong with it. */
export interface DraftState {
  revision: number;
  /** Errors: publishing refuses the draft while there is any. */
  problems: Problem[];
  /** Worth fixing, but they block neither saving nor publishing. */
  warnings: Problem[];
}

export interface DraftView extends DraftState {
  draft: AppBundle;
}

export interface SavedDraftPart extends DraftState {
  /** The form, flow or dashboard as stored (its key filled in from the path). */
  definition: Record<string, unknown>;
}

export interface RemovedDraftPart extends DraftState {
  /** The key of what was taken out. */
  removed: string;
}

export interface SavedDraftLayout extends DraftState {
  layout: Record<string, unknown>;
}

export interface SavedDraftRoles extends DraftState {
  roles: AppBundle['roles'];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Problems and warnings of a whole draft. */
export function draftState(draft: unknown, revision: number): DraftState {
  return { revision, problems: validateBundle(draft), warnings: bundleWarnings(draft) };
}

/**
 * The revision a save names, or a 428: a save without one could silently overwrite a newer draft.
 * Checked after the actor's rights, so it tells nothing to someone who may not design the app.
 */
export function requiredRevision(revision: number | undefined): number {
  if (revision === undefined)
    throw new FlowcaseError(
      'FC_PRECONDITION_REQUIRED',
      {
        en: 'Send the draft revision this save was made on in the If-Match header (GET the draft for it).',
        zh: '请在 If-Match 请求头中注明本次保存所基于的草稿版本（可从草稿读取）。',
      },
      {
        path: '/headers/if-match',
        problems: [
          {
            path: '/headers/if-match',
            code: 'draft.revision_required',
            message: 'If-Match must name the draft revision.',
            zh: 'If-Match 须注明草稿版本。',
          },
        ],
      },
    );
  return revision;
}

/** The revision an `If-Match` header names (`7`, `"7"` or `W/"7"`), undefined when absent. */
export function ifMatchRevision(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match)
    throw new FlowcaseError(
      'FC_BAD_REQUEST',
      `If-Match must be a draft revision such as "7", not ${header.slice(0, 40)}.`,
      {
        path: '/headers/if-match',
        problems: [
          {
            path: '/headers/if-match',
            code: 'draft.revision_invalid',
            message: 'If-Match must be a draft revision (a whole number).',
            zh: 'If-Match 须为草稿版本（整数）。',
          },
        ],
      },
    );
  return Number(match[1]);
}

/** Refuses input no later pass should see (too deep, too large), naming where. */
function withinLimits(draft: AppBundle): void {
  const limits = checkInputLimits(draft);
  if (limits.length > 0)
    throw new FlowcaseError('FC_BAD_REQUEST', 'The draft would exceed the input limits.', {
      problems: limits,
    });
}

/**
 * The draft with one form, flow or dashboard replaced (by key) or added. The definition need not
 * be valid, only an object whose key, if given, is the one in the path.
 */
export function withPart(
  base: AppBundle,
  part: DraftPart,
  key: string,
  definition: unknown,
): { draft: AppBundle; definition: Record<string, unknown> } {
  if (!isObject(definition))
    throw new FlowcaseError('FC_BAD_REQUEST', 'The definition must be a JSON object.', { path: '' });
  const body = { ...definition };
  body.key ??= key;
  if (body.key !== key)
    throw new FlowcaseError(
      'FC_BAD_REQUEST',
      `The definition's key ${String(body.key)} does not match ${key} in the path.`,
      { path: '/key' },
    );
  const current: unknown = base[part];
  const list = Array.isArray(current) ? [...(current as unknown[])] : [];
  const at = list.findIndex((item) => isObject(item) && item.key === key);
  if (at >= 0) list[at] = body;
  else list.push(body);
  const draft = { ...base, [part]: list } as AppBundle;
  withinLimits(draft);
  return { draft, definition: body };
}

/**
 * The draft without one form, flow, dashboard or scenario (by key); 404 when the draft has none.
 * What used it is left to the validator: the draft keeps its problems until they are fixed, and
 * publishing refuses it meanwhile (a saved scenario naming a deleted step is removed this way).
 */
export function withoutPart(base: AppBundle, part: DraftPart, key: string): AppBundle {
  const current: unknown = base[part];
  const list = Array.isArray(current) ? (current as unknown[]) : [];
  const kept = list.filter((item) => !(isObject(item) && item.key === key));
  if (kept.length === list.length)
    throw new FlowcaseError('FC_NOT_FOUND', `The draft has no ${part.replace(/s$/, '')} ${key}.`, {
      path: `/${part}`,
    });
  return { ...base, [part]: kept };
}

/** The draft with its designer `layout` replaced. */
export function withLayout(base: AppBundle, layout: unknown): AppBundle {
  if (!isObject(layout))
    throw new FlowcaseError('FC_BAD_REQUEST', 'The layout must be a JSON object.', { path: '' });
  const draft = { ...base, layout } as AppBundle;
  withinLimits(draft);
  return draft;
}

/**
 * The draft with its `roles` replaced (the app's roles, worked on like any part: checked by the
 * validator as the rest of the draft, not on save). Each role must be an object; the list is
 * stored as sent.
 */
export function withRoles(base: AppBundle, roles: unknown): AppBundle {
  if (!Array.isArray(roles) || !roles.every(isObject))
    throw new FlowcaseError('FC_BAD_REQUEST', 'The roles must be a list of JSON objects.', {
      path: '/roles',
    });
  const draft = { ...base, roles } as unknown as AppBundle;
  withinLimits(draft);
  return draft;
}

/** Refuses to publish a draft with any problem: 400 with every problem by JSON path. */
export function assertPublishable(draft: AppBundle): void {
  const problems = validateBundle(draft);
  if (problems.length > 0)
    throw new FlowcaseError(
      'FC_DEFINITION_INVALID',
      {
        en: `The draft has ${problems.length} problem(s); fix them before publishing.`,
        zh: `草稿有 ${problems.length} 个问题，请修正后再发布。`,
      },
      { problems },
    );
}
