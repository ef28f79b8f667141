/**
 * The people a task may be transferred to, from `GET /tasks/:id/transfer-targets` (or added as
 * signers, 加签: `/signer-targets`). The server decides who qualifies (for a transfer: the step's
 * and its assignees' roles and the supervisors; never customers, outsiders or the assignee), so
 * the picker offers exactly whom it accepts.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../ui/api.js';
import { rememberUser, type Person } from '../../../ui/records.js';

/** Undefined while loading (or when `taskId` is), 'denied' when the server refuses the list. */
export function useTransferTargets(
  taskId: string | undefined,
  kind: 'transfer' | 'signer' = 'transfer',
): Person[] | 'denied' | undefined {
  const [people, setPeople] = useState<{ taskId: string; list: Person[] | 'denied' }>();
  useEffect(() => {
    if (!taskId) return;
    let live = true;
    api<Person[]>('GET', `/tasks/${encodeURIComponent(taskId)}/${kind}-targets`).then(
      (list) => {
        list.forEach(rememberUser);
        if (live) setPeople({ taskId, list });
      },
      () => {
        if (live) setPeople({ taskId, list: 'denied' });
      },
    );
    return () => {
      live = false;
    };
  }, [taskId, kind]);
  return taskId && people?.taskId === taskId ? people.list : undefined;
}
