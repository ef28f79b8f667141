/**
 * 抄送我的: the cases copied to the user for information, unread first by default, newest first,
 * with the step and why (the step was reached, or ran past its deadline) and the case's number.
 * Opening one marks it read and shows the case read-only with the copy's fields.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../../../ui/api.js';
import {
  formOf,
  loadApp,
  nodeTitle,
  POLL_MS,
  recordTitle,
  useAsync,
  useOnChange,
  usePolling,
} from '../../../../ui/data.js';
import { formatDateTime } from '../../../../ui/format/time.js';
import { loc, useI18n } from '../i18n.js';
import { Link } from '../../../../ui/router.js';
import type { AppView, Copy } from '../types.js';

const PAGE = 50;

/** The apps the listed copies belong to (a copy may come from an app the user does not work in). */
function useCopyApps(copies: readonly Copy[]): Map<string, AppView> {
  const keys = useMemo(() => [...new Set(copies.map((c) => c.app))].sort(), [copies]);
  const apps = useAsync(
    () =>
      Promise.all(keys.map((k) => loadApp(k).catch(() => undefined))).then(
        (list) => new Map(list.flatMap((a) => (a ? [[a.key, a] as const] : []))),
      ),
    [keys.join(',')],
  );
  return apps.data ?? new Map<string, AppView>();
}

function markRead(copy: Copy): Promise<void> {
  return api('POST', `/copies/${encodeURIComponent(copy.id)}/read`).then(() => undefined);
}

function CopyRow({ copy, app, onRead }: { copy: Copy; app: AppView | undefined; onRead: () => void }) {
  const { t, lang } = useI18n();
  const form = app ? formOf(app, copy.form) : undefined;
  const step = nodeTitle(app, copy.form, copy.node, copy.nodeName, lang);
  const title = recordTitle(form, copy.data);
  const unread = copy.readAt === null;
  return (
    <li
      className={`task${unread ? ' unread' : ''}`}
      data-testid="copy-row"
      data-record={copy.recordId}
      data-reason={copy.reason}
    >
      <Link
        to={`/cases/${encodeURIComponent(copy.recordId)}`}
        className="row-button"
        onClick={() => {
          if (unread) void markRead(copy).catch(() => undefined);
        }}
      >
        <span className="row-title">
          {unread && <span className="badge key">{t('unread')}</span>}
          <span className="step">
            {copy.reason === 'sla.breach' ? t('copiedOnBreach', { step }) : t('copiedAt', { step })}
          </span>
          {title && <span className="record-no">{title}</span>}
        </span>
        <span className="row-meta">
          <span className="muted">{form ? loc(form.name, lang) : copy.form}</span>
          <span className="muted small">{formatDateTime(copy.createdAt, lang)}</span>
        </span>
      </Link>
      {unread && (
        <button
          type="button"
          className="link small"
          onClick={() => void markRead(copy).then(onRead, () => undefined)}
          data-testid="copy-mark-read"
        >
          {t('markRead')}
        </button>
      )}
    </li>
  );
}

export function CopiesList() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'unread' | 'all'>('unread');
  const [items, setItems] = useState<Copy[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const apps = useCopyApps(items);

  const refresh = useCallback(() => {
    void api<{ items: Copy[]; nextCursor?: string }>('GET', `/copies${query({ status, limit: PAGE })}`).then(
      (p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setLoaded(true);
      },
    );
  }, [status]);
  useEffect(() => {
    setLoaded(false);
    refresh();
  }, [refresh]);
  usePolling(refresh, POLL_MS);
  useOnChange(refresh);

  const more = () => {
    if (!cursor) return;
    void api<{ items: Copy[]; nextCursor?: string }>(
      'GET',
      `/copies${query({ status, limit: PAGE, cursor })}`,
    ).then((p) => {
      setItems((old) => [...old, ...p.items]);
      setCursor(p.nextCursor);
    });
  };

  return (
    <div data-testid="copies">
      <p className="muted small">{t('copiedNote')}</p>
      <div className="copy-status" role="radiogroup" aria-label={t('tabCopied')}>
        {(['unread', 'all'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="copy-status"
              checked={status === s}
              onChange={() => setStatus(s)}
              data-testid={`copies-${s}`}
            />{' '}
            {t(s === 'unread' ? 'copiesUnread' : 'copiesAll')}
          </label>
        ))}
      </div>
      {!loaded ? (
        <ul className="list skeleton" aria-busy="true">
          <li />
          <li />
        </ul>
      ) : items.length === 0 ? (
        <p className="muted">{t('noCopies')}</p>
      ) : (
        <ul className="list tasks" data-testid="copy-list">
          {items.map((copy) => (
            <CopyRow key={copy.id} copy={copy} app={apps.get(copy.app)} onRead={refresh} />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="secondary" onClick={more}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
