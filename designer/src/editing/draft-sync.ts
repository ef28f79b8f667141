/**
 * Never losing the designer's work (a form, a flow: any document of an edit store): every change of the edit store is copied at once into the
 * browser's storage (restored after a closed tab or a lost connection) and, after a pause in the
 * edits, saved into the app's draft with the revision it was made on. A save refused as stale
 * (409: another designer saved meanwhile) becomes a `conflict`: local edits stay, on screen and in
 * storage, until the designer reloads the server's draft or overwrites it. A lost connection is
 * `offline` and retried. Timers and storage are passed in, so tests drive them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditStore } from './edit-store.js';

export interface DraftProblem {
  path: string;
  code: string;
  message: string;
  zh?: string;
  severity?: 'warning';
}

export interface LoadedDraft<D> {
  doc: D;
  revision: number;
  problems: DraftProblem[];
}

export interface SavedDraft {
  revision: number;
  problems: DraftProblem[];
}

/** The server's side: `save` is told what was saved last, so it sends only the parts that changed. */
export interface DraftServer<D> {
  load(): Promise<LoadedDraft<D>>;
  save(doc: D, lastSaved: D | undefined, revision: number): Promise<SavedDraft>;
}

/** The draft moved on since `revision` (HTTP 409). */
export class DraftConflict extends Error {}
/** The server could not be reached. */
export class DraftOffline extends Error {}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export type SyncStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'conflict' | 'offline' | 'error';

export interface SyncState {
  status: SyncStatus;
  /** The draft revision the document on screen builds on. */
  revision: number;
  problems: DraftProblem[];
  /** The document came from the browser's storage, not the server (unsaved work was restored). */
  restored: boolean;
  /** What went wrong, for `error`. */
  message?: string;
}

interface LocalCopy<D> {
  doc: D;
  revision: number;
}

export interface DraftSync {
  sync: StoreApi<SyncState>;
  /** Settles once the document is loaded (from the server, or restored from storage). */
  ready: Promise<void>;
  /** Drops local edits and takes the server's draft. */
  reload(): Promise<void>;
  /** Saves local edits over whatever the server holds now. */
  overwrite(): Promise<void>;
  /** Saves now if anything is waiting. */
  flush(): Promise<void>;
  stop(): void;
}

export interface DraftSyncOptions<D extends object> {
  edits: EditStore<D>;
  server: DraftServer<D>;
  storage: KeyValueStorage;
  /** The storage key of this document's local copy. */
  storageKey: string;
  timers: Timers;
  /** Pause after the last edit before saving to the server. */
  delayMs?: number;
  /** Wait before trying again when offline. */
  retryMs?: number;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function readLocal<D>(storage: KeyValueStorage, key: string): LocalCopy<D> | undefined {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<LocalCopy<D>>;
    if (typeof parsed.revision !== 'number' || typeof parsed.doc !== 'object' || parsed.doc === null)
      return undefined;
    return parsed as LocalCopy<D>;
  } catch {
    return undefined;
  }
}

export function startDraftSync<D extends object>(options: DraftSyncOptions<D>): DraftSync {
  const { edits, server, storage, storageKey, timers } = options;
  const delayMs = options.delayMs ?? 800;
  const retryMs = options.retryMs ?? 5000;
  const sync = createStore<SyncState>()(() => ({
    status: 'loading',
    revision: 0,
    problems: [],
    restored: false,
  }));
  let lastSaved: D | undefined;
  let timer: unknown;
  let saving: Promise<void> | undefined;
  let stopped = false;
  let loaded = false;

  const writeLocal = () => {
    try {
      storage.setItem(
        storageKey,
        JSON.stringify({ doc: edits.getState().doc, revision: sync.getState().revision }),
      );
    } catch {
      // Storage full or disabled: the server save still runs.
    }
  };
  const clearLocal = () => storage.removeItem(storageKey);
  const schedule = (ms: number) => {
    if (timer !== undefined) timers.clear(timer);
    timer = timers.set(() => {
      timer = undefined;
      void save();
    }, ms);
  };

  async function saveOnce(): Promise<void> {
    const version = edits.getState().version;
    const doc = edits.getState().doc;
    sync.setState({ status: 'saving' });
    try {
      const answer = await server.save(doc, lastSaved, sync.getState().revision);
      lastSaved = doc;
      sync.setState({ revision: answer.revision, problems: answer.problems, restored: false });
      if (edits.getState().version === version) {
        clearLocal();
        sync.setState({ status: 'saved' });
      } else {
        writeLocal();
        sync.setState({ status: 'pending' });
        schedule(delayMs);
      }
    } catch (e) {
      if (e instanceof DraftConflict) sync.setState({ status: 'conflict' });
      else if (e instanceof DraftOffline) {
        sync.setState({ status: 'offline' });
        if (!stopped) schedule(retryMs);
      } else sync.setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  async function save(): Promise<void> {
    if (stopped || !loaded) return;
    while (saving) await saving;
    const status = sync.getState().status;
    if (status === 'conflict' || status === 'saved') return;
    saving = saveOnce().finally(() => (saving = undefined));
    await saving;
  }

  const unsubscribe = edits.subscribe((state, before) => {
    if (!loaded || state.version === before.version) return;
    writeLocal();
    const status = sync.getState().status;
    if (status === 'conflict') return;
    if (status !== 'saving') sync.setState({ status: 'pending' });
    schedule(delayMs);
  });

  function take(draft: LoadedDraft<D>): void {
    lastSaved = draft.doc;
    edits.getState().reset(draft.doc);
    clearLocal();
    sync.setState({ status: 'saved', revision: draft.revision, problems: draft.problems, restored: false });
  }

  const ready = (async () => {
    const local = readLocal<D>(storage, storageKey);
    let draft: LoadedDraft<D>;
    try {
      draft = await server.load();
    } catch (e) {
      if (!(e instanceof DraftOffline) || !local) throw e;
      // No connection, but this browser holds the work: show it; saving resumes when it can.
      edits.getState().reset(local.doc);
      sync.setState({ status: 'offline', revision: local.revision, restored: true });
      loaded = true;
      schedule(retryMs);
      return;
    }
    loaded = true;
    if (!local || same(local.doc, draft.doc)) return take(draft);
    lastSaved = draft.doc;
    edits.getState().reset(local.doc);
    if (local.revision === draft.revision) {
      sync.setState({
        status: 'pending',
        revision: draft.revision,
        problems: draft.problems,
        restored: true,
      });
      schedule(delayMs);
    } else {
      // Someone saved the draft after these edits were made: show them, overwrite nothing.
      sync.setState({
        status: 'conflict',
        revision: local.revision,
        problems: draft.problems,
        restored: true,
      });
    }
  })();

  return {
    sync,
    ready,
    async reload() {
      take(await server.load());
    },
    async overwrite() {
      const current = await server.load();
      lastSaved = current.doc;
      sync.setState({ status: 'pending', revision: current.revision });
      await save();
    },
    async flush() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      await save();
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (timer !== undefined) timers.clear(timer);
    },
  };
}
