/**
 * The form designer's `DraftServer` over HTTP: reads the app's draft, saves the form
 * (`PUT /apps/:app/forms/:form`) and the form's part of the layout (`PUT /apps/:app/draft/layout`),
 * each with `If-Match` naming the revision it builds on; a 409 is a `DraftConflict`, a failed fetch
 * `DraftOffline`.
 */
import { ApiError, api } from '../../../ui/api.js';
import type { FormDef, LocalizedText } from '../../../engine/definition/types.js';
import { fitLayout, type DesignDoc } from './edit-store.js';
import {
  DraftConflict,
  DraftOffline,
  type DraftProblem,
  type DraftServer,
  type LoadedDraft,
} from './draft-sync.js';

/** The parts of the draft the designer reads besides its form: other forms, roles, flows… */
export interface DraftBundle {
  forms?: FormDef[];
  roles?: { key: string; name: LocalizedText }[];
  layout?: Record<string, unknown>;
  [part: string]: unknown;
}

interface DraftAnswer {
  draft: DraftBundle;
  revision: number;
  problems: DraftProblem[];
}

interface SaveAnswer {
  revision: number;
  problems: DraftProblem[];
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) throw new DraftConflict(e.message);
    if (e instanceof TypeError) throw new DraftOffline(e.message);
    throw e;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A new form's definition before its first save. */
export function blankForm(key: string): FormDef {
  return { key, name: { zh: key, en: key }, fields: [] };
}

/** How requests are sent: `ui/api.ts`'s `api` in the browser. */
export type Request = <T>(
  method: 'GET' | 'PUT',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;

export interface HttpDraftServer extends DraftServer {
  /** The whole draft as last loaded (where-used, the forms a relation may link, the roles). */
  draft(): DraftBundle;
}

export function httpDraftServer(app: string, formKey: string, request: Request = api): HttpDraftServer {
  // The whole draft layout (flows' and dashboards' too), so saving this form's part keeps the rest.
  let layout: Record<string, unknown> = {};
  let loaded: DraftBundle = {};
  const base = `/apps/${encodeURIComponent(app)}`;
  return {
    draft: () => loaded,
    async load(): Promise<LoadedDraft> {
      const answer = await call(() => request<DraftAnswer>('GET', `${base}/draft`));
      loaded = answer.draft;
      const form = answer.draft.forms?.find((f) => f.key === formKey) ?? blankForm(formKey);
      layout = answer.draft.layout ?? {};
      const forms = (layout['forms'] ?? {}) as Record<string, unknown>;
      return {
        doc: { form, layout: fitLayout(form, forms[formKey]) },
        revision: answer.revision,
        problems: answer.problems,
      };
    },
    async save(doc: DesignDoc, lastSaved: DesignDoc | undefined, revision: number) {
      let answer: SaveAnswer = { revision, problems: [] };
      const ifMatch = () => ({ 'If-Match': `"${answer.revision}"` });
      const layoutChanged = !lastSaved || !same(lastSaved.layout, doc.layout);
      // Nothing changed (an overwrite of the same): the form is sent anyway, for fresh problems.
      if (!lastSaved || !same(lastSaved.form, doc.form) || !layoutChanged)
        answer = await call(() =>
          request<SaveAnswer>('PUT', `${base}/forms/${encodeURIComponent(formKey)}`, doc.form, ifMatch()),
        );
      if (layoutChanged) {
        const forms = { ...((layout['forms'] ?? {}) as Record<string, unknown>), [formKey]: doc.layout };
        const next = { ...layout, forms };
        answer = await call(() => request<SaveAnswer>('PUT', `${base}/draft/layout`, next, ifMatch()));
        layout = next;
      }
      return answer;
    },
  };
}
