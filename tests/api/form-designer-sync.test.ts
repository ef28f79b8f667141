/**
 * The form designer never loses work, against the real draft routes: edits are copied into the
 * browser's storage at once and saved into the draft with its revision; a closed tab's edits come
 * back from storage and are saved; a save made on a revision another designer moved past is a
 * conflict that keeps the local edits until the designer reloads the server's draft or overwrites
 * it. The designer's own `httpDraftServer` talks to the server; only `fetch` is replaced by
 * Fastify's inject (same routes, same checks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../ui/api.js';
import { createEditStore, defaultLayout } from '../../designer/src/form-designer/edit-store.js';
import { httpDraftServer, blankForm, type Request } from '../../designer/src/form-designer/draft-server.js';
import {
  startDraftSync,
  type KeyValueStorage,
  type Timers,
} from '../../designer/src/form-designer/draft-sync.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const app = () => ({
  format: 'flowcase/app@1',
  key: 'desk',
  name: 'Desk',
  version: 1,
  roles: [{ key: 'clerk', name: 'Clerk' }],
  forms: [{ key: 'ticket', name: 'Ticket', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  flows: [],
  dashboards: [],
});

let t: Built;
let token: string;
beforeAll(async () => {
  t = await build();
  token = await t.login('admin', ADMIN_PASSWORD);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(token),
    payload: { bundle: app() },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

/** `ui/api.ts`'s contract (JSON answer, ApiError on a refusal) over inject instead of fetch. */
const request: Request = async <T>(
  method: 'GET' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await t.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: { ...bearer(token), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (res.statusCode >= 400) throw new ApiError(res.statusCode, res.body);
  return res.json<T>();
};

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** Timers the test fires by hand (`flush` saves at once instead). */
const noTimers: Timers = { set: () => 0, clear: () => undefined };

function openWith(storage: KeyValueStorage) {
  const edits = createEditStore({ form: blankForm('ticket'), layout: defaultLayout(blankForm('ticket')) });
  const sync = startDraftSync({
    edits,
    server: httpDraftServer('desk', 'ticket', request),
    storage,
    storageKey: 'desk/ticket',
    timers: noTimers,
  });
  return { edits, sync };
}

async function serverForm() {
  const res = await request<{
    draft: {
      forms: { key: string; fields: { key: string; label: unknown }[] }[];
      layout?: { forms?: Record<string, unknown> };
    };
    revision: number;
  }>('GET', '/apps/desk/draft');
  return {
    form: res.draft.forms.find((f) => f.key === 'ticket')!,
    layout: res.draft.layout?.forms?.['ticket'],
    revision: res.revision,
  };
}

describe('form designer: autosave, restore and conflicts against the draft routes', () => {
  it('copies every edit into storage at once and saves it into the draft with its revision', async () => {
    const storage = new MemoryStorage();
    const { edits, sync } = openWith(storage);
    await sync.ready;
    expect(sync.sync.getState().status).toBe('saved');
    const before = sync.sync.getState().revision;
    edits.getState().edit((d) => {
      d.form.fields.push({
        key: 'qty',
        type: 'integer',
        label: { zh: '数量' },
        visibleIf: { '==': [{ var: 'nope' }, 1] },
      });
      d.layout.sections[0]!.fields.push('qty');
    });
    expect(sync.sync.getState().status).toBe('pending');
    expect(JSON.parse(storage.getItem('desk/ticket')!).doc.form.fields).toHaveLength(2);
    await sync.flush();
    expect(sync.sync.getState().status).toBe('saved');
    expect(storage.getItem('desk/ticket')).toBeNull();
    const server = await serverForm();
    expect(server.form.fields.map((f) => f.key)).toEqual(['title', 'qty']);
    expect(server.layout).toEqual({
      sections: [
        { key: 'main', title: { zh: '基本信息', en: 'Details' }, columns: 1, fields: ['title', 'qty'] },
      ],
    });
    // Form and layout were two saves, each on the revision the one before answered.
    expect(sync.sync.getState().revision).toBe(before + 2);
    expect(server.revision).toBe(before + 2);
    // An invalid draft is saved all the same, with its problems by JSON path.
    expect(sync.sync.getState().problems).toMatchObject([
      { path: '/forms/0/fields/1/visibleIf/==/0/var', code: 'rule.unknown_field' },
    ]);
    sync.stop();
  });

  it('brings a closed tab’s unsaved edits back from storage and saves them', async () => {
    const storage = new MemoryStorage();
    const first = openWith(storage);
    await first.sync.ready;
    first.edits.getState().edit((d) => {
      d.form.fields[1]!.max = 10;
      delete d.form.fields[1]!.visibleIf;
    });
    first.sync.stop(); // the tab closes before the save
    const second = openWith(storage);
    await second.sync.ready;
    expect(second.sync.sync.getState()).toMatchObject({ status: 'pending', restored: true });
    expect(second.edits.getState().doc.form.fields[1]!.max).toBe(10);
    await second.sync.flush();
    expect(second.sync.sync.getState().status).toBe('saved');
    expect(second.sync.sync.getState().problems).toEqual([]);
    expect((await serverForm()).form.fields[1]).toMatchObject({ key: 'qty', max: 10 });
    second.sync.stop();
  });

  it('shows a conflict with another designer’s save, keeps local edits, and reloads or overwrites on request', async () => {
    const storage = new MemoryStorage();
    const mine = openWith(storage);
    await mine.sync.ready;
    const other = openWith(new MemoryStorage());
    await other.sync.ready;
    other.edits.getState().edit((d) => {
      d.form.fields[0]!.label = 'Subject';
    });
    await other.sync.flush();
    mine.edits.getState().edit((d) => {
      d.form.fields[0]!.label = 'Heading';
    });
    await mine.sync.flush();
    expect(mine.sync.sync.getState().status).toBe('conflict');
    expect(mine.edits.getState().doc.form.fields[0]!.label).toBe('Heading');
    expect((await serverForm()).form.fields[0]!.label).toBe('Subject');
    // Further edits during the conflict are kept locally, never sent.
    mine.edits.getState().edit((d) => {
      d.form.fields[0]!.help = 'What it is about';
    });
    await mine.sync.flush();
    expect((await serverForm()).form.fields[0]!.label).toBe('Subject');
    expect(JSON.parse(storage.getItem('desk/ticket')!).doc.form.fields[0].help).toBe('What it is about');
    // A reopened tab still sees the conflict rather than overwriting.
    const reopened = openWith(storage);
    await reopened.sync.ready;
    expect(reopened.sync.sync.getState()).toMatchObject({ status: 'conflict', restored: true });
    reopened.sync.stop();

    await mine.sync.overwrite();
    expect(mine.sync.sync.getState().status).toBe('saved');
    expect((await serverForm()).form.fields[0]).toMatchObject({ label: 'Heading', help: 'What it is about' });

    await other.sync.reload();
    expect(other.edits.getState().doc.form.fields[0]!.label).toBe('Heading');
    expect(other.edits.getState().past).toEqual([]);
    mine.sync.stop();
    other.sync.stop();
  });
});
