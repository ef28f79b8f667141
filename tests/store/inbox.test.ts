/**
 * Store contract: the task inbox (VIP first, then earliest due, then oldest), its paging, and the
 * done list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, TaskRow } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle, snapshot } from './fixtures.js';

const DIALECTS = await dialects('inbox');

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`inbox (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
      await store.write(async (tx) => {
        await tx.insertRecord({
          id: 'rec',
          app: 'repair',
          form: 'request',
          version: 1,
          data: {},
          createdBy: 'u',
        });
        await tx.insertInstance({
          id: 'inst',
          app: 'repair',
          flow: 'main',
          version: 1,
          recordId: 'rec',
          snapshot: snapshot(),
        });
        const task = (
          id: string,
          assignees: TaskRow['assignees'],
          extra: { priority?: number; dueAt?: string; createdAt: string },
        ) =>
          tx.insertTask({
            id,
            instanceId: 'inst',
            recordId: 'rec',
            app: 'repair',
            form: 'request',
            node: 'fix',
            nodeName: 'Fix',
            assignees,
            ...extra,
          });
        await task('plain-late', [{ role: 'tech' }], { dueAt: at(300), createdAt: at(1) });
        await task('plain-soon', [{ user: 'tom' }], { dueAt: at(100), createdAt: at(2) });
        await task('plain-nodue', [{ role: 'tech' }, { user: 'tom' }], { createdAt: at(3) });
        await task('vip-late', [{ role: 'tech' }], { priority: 10, dueAt: at(900), createdAt: at(4) });
        await task('vip-soon', [{ user: 'tom' }], { priority: 10, dueAt: at(50), createdAt: at(5) });
        await task('plain-nodue-older', [{ role: 'tech' }], { createdAt: at(0) });
        await task('not-mine', [{ role: 'cashier' }, { user: 'sue' }], { priority: 99, createdAt: at(0) });
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    const ORDER = ['vip-soon', 'vip-late', 'plain-soon', 'plain-late', 'plain-nodue-older', 'plain-nodue'];

    it('orders open tasks of the user and their roles: priority, then due, then age', async () => {
      const page = await store.inbox('tom', ['tech'], { limit: 50 });
      expect(page.items.map((t) => t.id)).toEqual(ORDER);
      expect(page.nextCursor).toBeUndefined();
      expect(page.items.find((t) => t.id === 'plain-nodue')?.assignees).toEqual([
        { role: 'tech' },
        { user: 'tom' },
      ]);
    });

    it('pages through the inbox without repeating or skipping a task', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.inbox('tom', ['tech'], { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ORDER);
    });

    it('moves tasks between lists as they change: priority raised, completed, reassigned', async () => {
      await store.write(async (tx) => {
        await tx.updateTask('plain-nodue', { priority: 50 });
        await tx.updateTask('vip-soon', {
          status: 'done',
          completedAt: at(60),
          completedBy: 'tom',
          action: 'submit',
        });
        await tx.setTaskAssignees('plain-late', [{ user: 'sue' }]);
      });
      expect((await store.inbox('tom', ['tech'])).items.map((t) => t.id)).toEqual([
        'plain-nodue',
        'vip-late',
        'plain-soon',
        'plain-nodue-older',
      ]);
      expect((await store.inbox('sue', [])).items.map((t) => t.id)).toEqual(['not-mine', 'plain-late']);
      const done = await store.inbox('tom', ['tech'], { status: 'done' });
      expect(done.items).toMatchObject([
        { id: 'vip-soon', status: 'done', completedBy: 'tom', action: 'submit', completedAt: at(60) },
      ]);
      expect(await store.inbox('nobody', ['nothing'])).toEqual({ items: [] });
    });
  });
}
