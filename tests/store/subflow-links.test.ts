/**
 * Store contract: subflow links. One row per subflow start, keyed by the engine's call id: found
 * by call (the start applies once), by child (its end finds the waiting parent node), listed per
 * parent oldest first; a second start of the same call is `FC_CONFLICT` and leaves the
 * transaction usable (PostgreSQL included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, SubflowLink } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('subflow_links');

const link = (callId: string, child: string, at: string, extra: Partial<SubflowLink> = {}): SubflowLink => ({
  callId,
  parentInstanceId: 'complaint-1',
  parentRecordId: 'cmp-rec-1',
  parentNode: 'open_rework',
  childInstanceId: child,
  childRecordId: `rec-${child}`,
  depth: 1,
  createdAt: at,
  ...extra,
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`subflow links (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
      await store.write(async (tx) => {
        await tx.insertSubflowLink(link('call-2', 'repair-2', '2026-01-05T10:00:00.000Z'));
        await tx.insertSubflowLink(link('call-1', 'repair-1', '2026-01-05T09:00:00.000Z'));
        await tx.insertSubflowLink(
          link('call-3', 'grandchild', '2026-01-05T11:00:00.000Z', {
            parentInstanceId: 'repair-1',
            parentRecordId: 'rec-repair-1',
            depth: 2,
          }),
        );
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('finds a start by its call id and by its child', async () => {
      expect(await store.getSubflowLink('call-1')).toEqual(
        link('call-1', 'repair-1', '2026-01-05T09:00:00.000Z'),
      );
      expect(await store.subflowLinkOfChild('grandchild')).toMatchObject({
        callId: 'call-3',
        parentInstanceId: 'repair-1',
        depth: 2,
      });
      expect(await store.getSubflowLink('call-9')).toBeUndefined();
      expect(await store.subflowLinkOfChild('complaint-1')).toBeUndefined();
    });

    it("lists a parent's children oldest first", async () => {
      expect((await store.listSubflowLinks('complaint-1')).map((l) => l.childInstanceId)).toEqual([
        'repair-1',
        'repair-2',
      ]);
      expect(await store.listSubflowLinks('nobody')).toEqual([]);
    });

    it('refuses a second start of the same call with FC_CONFLICT, and the transaction goes on', async () => {
      const seen = await store.write(async (tx) => {
        await expect(
          tx.insertSubflowLink(link('call-1', 'repair-9', '2026-01-06T09:00:00.000Z')),
        ).rejects.toMatchObject({ code: 'FC_CONFLICT' });
        return tx.getSubflowLink('call-1');
      });
      expect(seen?.childInstanceId).toBe('repair-1');
    });
  });
}
