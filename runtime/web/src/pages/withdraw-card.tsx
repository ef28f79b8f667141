/**
 * 撤回 on the case page: a step the viewer completed whose next step is still untouched (the
 * server marks it `withdrawable`) can be taken back, with an optional reason; the step reopens for
 * them and the page goes to its task.
 */
import { useState, type ReactElement } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { announceChange, nodeTitle } from '../../../../ui/data.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../../../../ui/router.js';
import type { AppView, FormDef, RecordView, Task } from '../types.js';

export function WithdrawCard({
  app,
  form,
  task,
  recordId,
  onChanged,
}: {
  app: AppView;
  form: FormDef;
  task: Task;
  recordId: string;
  onChanged: () => void;
}): ReactElement {
  const { t, lang } = useI18n();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const step = nodeTitle(app, form.key, task.node, task.nodeName, lang);

  const withdraw = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await api<RecordView>('POST', `/tasks/${encodeURIComponent(task.id)}/withdraw`, {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      announceChange();
      const reopened = view.instance?.tasks.find((x) => x.node === task.node && x.status === 'open');
      if (reopened) navigate(`/tasks/${encodeURIComponent(recordId)}/${encodeURIComponent(reopened.id)}`);
      else onChanged();
    } catch (err) {
      setError(
        err instanceof ApiError && err.problems.length > 0
          ? err.problems.map((p) => p.message).join(' ')
          : err instanceof Error
            ? err.message
            : String(err),
      );
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card withdraw" data-testid="withdraw-card">
      <p>{t('withdrawHint', { step })}</p>
      {asking && (
        <div className="field">
          <label htmlFor={`withdraw-${task.id}`}>{t('withdrawReason')}</label>
          <textarea
            id={`withdraw-${task.id}`}
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {asking ? (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() => void withdraw()}
              data-testid="confirm-withdraw"
            >
              {t('confirm')}
              {t('colon')}
              {t('withdraw')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="secondary"
            onClick={() => setAsking(true)}
            data-testid="action-withdraw"
          >
            {t('withdraw')}
          </button>
        )}
      </div>
    </div>
  );
}
