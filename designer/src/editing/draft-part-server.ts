/**
 * A designer's `DraftServer` over HTTP for one part of the app's draft (a form, a flow): reads the
 * draft, saves the part's definition (`PUT /apps/:app/<part>/:key`) and its entry of the layout
 * (`PUT /apps/:app/draft/layout`, the whole layout so other parts' entries stay), each with
 * `If-Match` naming the revision it builds on; a 409 is a `DraftConflict`, a failed fetch
 * `DraftOffline`. Only what changed since the last save is sent.
 */
import { ApiError, api } from '../../../ui/api.js';
import type { FlowDef, FormDef, LocalizedText } from '../../../engine/definition/types.js';
import {
  DraftConflict,
  DraftOffline,
  type DraftProblem,
  type DraftServer,
  type LoadedDraft,
} from './draft-sync.js';

/** The parts of the draft a designer reads besides its own: other forms, roles, flows… */
export interface DraftBundle {
  forms?: FormDef[];
  flows?: FlowDef[];
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

/** How requests are sent: `ui/api.ts`'s `api` in the browser. */
export type Request = <T>(
  method: 'GET' | 'PUT',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;

export interface PartDraftServer<D> extends DraftServer<D> {
  /** The whole draft as last loaded (where-used, the forms a relation may link, the roles). */
  draft(): DraftBundle;
}

export interface DraftPart<D> {
  app: string;
  /** The draft's section and the layout's section of the same name. */
  part: 'forms' | 'flows' | 'dashboards';
  key: string;
  /** The document from the draft and the part's stored layout entry (`undefined` when none). */
  read(draft: DraftBundle, layoutEntry: unknown): D;
  definition(doc: D): unknown;
  layout(doc: D): unknown;
}

export function draftPartServer<D extends object>(
  spec: DraftPart<D>,
  request: Request = api,
): PartDraftServer<D> {
  // The whole draft layout (other flows', forms' and dashboards' too), so saving this part's keeps the rest.
  let layout: Record<string, unknown> = {};
  let loaded: DraftBundle = {};
  const base = `/apps/${encodeURIComponent(spec.app)}`;
  const entries = () => (layout[spec.part] ?? {}) as Record<string, unknown>;
  return {
    draft: () => loaded,
    async load(): Promise<LoadedDraft<D>> {
      const answer = await call(() => request<DraftAnswer>('GET', `${base}/draft`));
      loaded = answer.draft;
      layout = answer.draft.layout ?? {};
      return {
        doc: spec.read(answer.draft, entries()[spec.key]),
        revision: answer.revision,
        problems: answer.problems,
      };
    },
    async save(doc: D, lastSaved: D | undefined, revision: number) {
      let answer: SaveAnswer = { revision, problems: [] };
      const ifMatch = () => ({ 'If-Match': `"${answer.revision}"` });
      const layoutChanged = !lastSaved || !same(spec.layout(lastSaved), spec.layout(doc));
      const definition = spec.definition(doc);
      // Nothing changed (an overwrite of the same): the definition is sent anyway, for fresh problems.
      if (!lastSaved || !same(spec.definition(lastSaved), definition) || !layoutChanged)
        answer = await call(() =>
          request<SaveAnswer>(
            'PUT',
            `${base}/${spec.part}/${encodeURIComponent(spec.key)}`,
            definition,
            ifMatch(),
          ),
        );
      if (layoutChanged) {
        const next = { ...layout, [spec.part]: { ...entries(), [spec.key]: spec.layout(doc) } };
        answer = await call(() => request<SaveAnswer>('PUT', `${base}/draft/layout`, next, ifMatch()));
        layout = next;
      }
      return answer;
    },
  };
}
