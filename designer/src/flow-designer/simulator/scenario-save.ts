/**
 * Saving a simulator run into the app's draft (`PUT /apps/:app/scenarios/:key`, with `If-Match`
 * naming the revision it builds on). Beside an editor whose autosave holds the draft's revision
 * (`editing/draft-sync.ts`), the editor's waiting edits are saved first and the editor then
 * builds on the revision this save made, so its next save is not refused as stale because of ours.
 */
import type { StoreApi } from 'zustand/vanilla';
import { api } from '../../../../ui/api.js';
import type { ScenarioDef } from '../../../../engine/definition/types.js';
import type { DraftProblem, SyncState } from '../../editing/draft-sync.js';

export interface SavedScenario {
  revision: number;
  problems: DraftProblem[];
}

type Put = <T>(method: 'PUT', path: string, body: unknown, headers: Record<string, string>) => Promise<T>;

/** Saves one scenario into the draft at `revision`; a 409 (someone saved meanwhile) is thrown as `api` throws it. */
export function putScenario(
  app: string,
  scenario: ScenarioDef,
  revision: number,
  request: Put = api,
): Promise<SavedScenario> {
  return request<SavedScenario>(
    'PUT',
    `/apps/${encodeURIComponent(app)}/scenarios/${encodeURIComponent(scenario.key)}`,
    scenario,
    { 'If-Match': `"${revision}"` },
  );
}

/** Saves a scenario beside an editor's autosave: its waiting edits first, then the scenario, then the editor builds on the new revision. */
export async function saveScenarioBeside(
  app: string,
  scenario: ScenarioDef,
  editor: { flush(): Promise<void>; sync: StoreApi<SyncState> },
  request: Put = api,
): Promise<SavedScenario> {
  await editor.flush();
  const saved = await putScenario(app, scenario, editor.sync.getState().revision, request);
  editor.sync.setState({ revision: saved.revision, problems: saved.problems });
  return saved;
}
