/**
 * What the draft sync says on a designer page (form and flow designers alike): the save state in
 * the header, and under it the conflict with another designer's save (keep mine or take theirs)
 * and the notice that unsaved work came back from this browser.
 */
import { useContext } from 'react';
import { I18nContext, translator, withSharedMessages } from '../../../ui/i18n.js';
import type { DraftSync, SyncState, SyncStatus } from './draft-sync.js';

const zh = {
  loading: '正在加载…',
  saved: '已保存',
  pending: '有修改，即将保存…',
  saving: '正在保存…',
  offline: '无法连接服务器：修改已保存在本浏览器，恢复连接后自动保存。',
  error: '保存失败：{m}',
  conflict: '其他设计者已修改此草稿。您的修改保留在本浏览器中。',
  reloadServer: '放弃我的修改，载入最新草稿',
  overwrite: '用我的修改覆盖',
  restored: '已从本浏览器恢复未保存的修改。',
};

const en: typeof zh = {
  loading: 'Loading…',
  saved: 'Saved',
  pending: 'Changed, saving soon…',
  saving: 'Saving…',
  offline: 'Cannot reach the server: your changes are kept in this browser and saved when it is back.',
  error: 'Saving failed: {m}',
  conflict: 'Another designer changed this draft. Your changes are kept in this browser.',
  reloadServer: 'Discard mine and load the latest draft',
  overwrite: 'Overwrite with mine',
  restored: 'Unsaved changes were restored from this browser.',
};

const MESSAGES = withSharedMessages({ 'zh-CN': zh, en });

function useSyncWords() {
  const { lang } = useContext(I18nContext);
  return translator(MESSAGES, lang);
}

/** The save state, for the page's header. */
export function SaveStatus({ status }: { status: SyncState }) {
  const t = useSyncWords();
  const key: SyncStatus = status.status;
  return (
    <span className={`save-status ${key}`} role="status" data-testid="save-status" data-status={key}>
      {t(key, { m: status.message ?? '' })}
    </span>
  );
}

/** A conflict's choice, or the notice that local work was restored. */
export function SyncNotices({
  status,
  sync,
}: {
  status: SyncState;
  sync: Pick<DraftSync, 'reload' | 'overwrite'>;
}) {
  const t = useSyncWords();
  if (status.status === 'conflict')
    return (
      <div className="notice" role="alert" data-testid="conflict">
        {t('conflict')}{' '}
        <button type="button" onClick={() => void sync.reload()}>
          {t('reloadServer')}
        </button>{' '}
        <button type="button" onClick={() => void sync.overwrite()}>
          {t('overwrite')}
        </button>
      </div>
    );
  if (status.restored)
    return (
      <p className="notice" data-testid="restored">
        {t('restored')}
      </p>
    );
  return null;
}
