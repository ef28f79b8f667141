/**
 * What the case page and the task page both start with: the record view, its app definition, and
 * the names of the app's people, with one way to show "not found", errors and loading.
 */
import type { ReactElement } from 'react';
import { api, ApiError, errorText } from '../../../../ui/api.js';
import { loadApp, useAsync, useSession } from '../../../../ui/data.js';
import { useI18n } from '../i18n.js';
import { useAppPeople } from '../../../../ui/records.js';
import type { RecordView } from '../types.js';
import { isCustomerIn } from '../viewer.js';

export function useRecordView(recordId: string) {
  const view = useAsync(() => api<RecordView>('GET', `/records/${encodeURIComponent(recordId)}`), [recordId]);
  const app = useAsync(
    () => (view.data ? loadApp(view.data.record.app) : Promise.resolve(undefined)),
    [view.data?.record.app],
  );
  // Names for the people in timelines, assignees and user fields, for staff and admins; a customer's
  // views name staff as "staff" and the directory is not theirs to read (asking would be a 403).
  const { user } = useSession();
  useAppPeople(app.data && !isCustomerIn(app.data, user.roles) ? app.data.key : undefined);
  return { view, app };
}

/** The placeholder while the record view loads, or why it cannot be shown. */
export function RecordViewPending({ error }: { error: unknown }): ReactElement {
  const { t } = useI18n();
  if (error)
    return (
      <p className="notice">
        {error instanceof ApiError && error.status === 404 ? t('notFound') : errorText(error)}
      </p>
    );
  return <p className="muted">{t('loading')}</p>;
}
