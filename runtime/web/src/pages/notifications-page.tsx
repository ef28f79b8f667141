/** The user's in-app notifications; opening one marks it read and shows its case. */
import { api } from '../../../../ui/api.js';
import { announceChange, useAsync } from '../../../../ui/data.js';
import { formatDateTime } from '../../../../ui/format/time.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../../../../ui/router.js';
import { PageHead } from '../../../../ui/layout/page-head.js';
import type { Notification } from '../types.js';

export async function openNotification(n: Notification): Promise<void> {
  if (!n.readAt) await api('POST', `/notifications/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
  announceChange();
  if (n.recordId) navigate(`/cases/${encodeURIComponent(n.recordId)}`);
}

export function NotificationList({ items, onOpened }: { items: Notification[]; onOpened?: () => void }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <p className="muted">{t('noNotifications')}</p>;
  return (
    <ul className="list notifications">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
          <button
            type="button"
            className="row-button"
            onClick={() => {
              void openNotification(n).then(onOpened);
            }}
          >
            <span className="row-title">
              {!n.readAt && <span className="dot" aria-label={t('unread')} />}
              {n.title}
            </span>
            <span className="row-body pre">{n.body}</span>
            <time className="muted small" dateTime={n.createdAt}>
              {formatDateTime(n.createdAt, lang)}
            </time>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function NotificationsPage() {
  const { t } = useI18n();
  const list = useAsync(() => api<Notification[]>('GET', '/notifications?limit=100'), []);
  const unread = (list.data ?? []).filter((n) => !n.readAt);
  const markAll = async () => {
    for (const n of unread)
      await api('POST', `/notifications/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
    announceChange();
    list.reload();
  };
  return (
    <section>
      <PageHead title={t('notifications')}>
        {unread.length > 0 && (
          <button type="button" className="secondary" onClick={() => void markAll()}>
            {t('markAllRead')}
          </button>
        )}
      </PageHead>
      {list.data ? (
        <NotificationList items={list.data} onOpened={list.reload} />
      ) : (
        <p className="muted">{t('loading')}</p>
      )}
    </section>
  );
}
