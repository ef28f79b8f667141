/**
 * An archived app (the app studio's 归档) takes no new records: its cases run to their end and stay
 * readable, but nobody files a new one into an app the administrators took out of use. One primary-key
 * read per creation or import, outside the write transaction (archiving is an administrator's
 * decision, not a race a single record must win).
 */
import { FlowcaseError } from '../../engine/index.js';
import type { Store } from '../store/types.js';

export async function assertAppOpen(store: Pick<Store, 'getApp'>, app: string): Promise<void> {
  const row = await store.getApp(app);
  if (row?.archivedAt)
    throw new FlowcaseError(
      'FC_CONFLICT',
      {
        en: `The app "${app}" is archived: it takes no new records until an administrator brings it back.`,
        zh: `应用“${app}”已归档：管理员恢复之前不能新建记录。`,
      },
      { path: '/app' },
    );
}
