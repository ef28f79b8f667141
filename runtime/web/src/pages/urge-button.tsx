/**
 * 催办 on the case page: beside an open step, for the people who may urge it (the server marks the
 * task with `urge`): a button that asks for an optional message and sends the reminder. While the
 * hour since the last urge runs, the time left shows instead (the server answers 429 too).
 */
import { useEffect, useState, type ReactElement } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { announceChange } from '../../../../ui/data.js';
import { spanText } from '../../../../ui/format/duration.js';
import { useI18n } from '../i18n.js';
import type { Task } from '../types.js';

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function UrgeButton({
  task,
  step,
  onUrged,
}: {
  task: Task;
  step: string;
  onUrged: () => void;
}): ReactElement | null {
  const { t, lang } = useI18n();
  const now = useMinuteClock();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  if (!task.urge || task.status !== 'open') return null;
  const nextAt = task.urge.nextAt ? Date.parse(task.urge.nextAt) : undefined;
  if (nextAt !== undefined && nextAt > now)
    return (
      <span className="chip small muted" data-testid="urge-wait" title={task.urge.nextAt}>
        {sent ? `${t('urgeSent')} ` : ''}
        {t('urgeAgainIn', { t: spanText((nextAt - now) / 60_000, lang) })}
      </span>
    );

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/tasks/${encodeURIComponent(task.id)}/urge`, {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setSent(true);
      setAsking(false);
      setComment('');
      announceChange();
      onUrged();
    } catch (err) {
      setError(
        err instanceof ApiError && err.problems.length > 0
          ? err.problems.map((p) => p.message).join(' ')
          : err instanceof Error
            ? err.message
            : String(err),
      );
      onUrged();
    } finally {
      setBusy(false);
    }
  };

  if (!asking)
    return (
      <button type="button" className="small secondary" onClick={() => setAsking(true)} data-testid="urge">
        {t('urge')}
      </button>
    );
  return (
    <div className="card urge" data-testid="urge-form" role="group" aria-label={t('urgeTitle', { step })}>
      <h3 className="small">{t('urgeTitle', { step })}</h3>
      <p className="muted small">{t('urgeHint')}</p>
      <div className="field">
        <label htmlFor={`urge-${task.id}`}>{t('urgeMessage')}</label>
        <textarea
          id={`urge-${task.id}`}
          rows={2}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void send()} data-testid="urge-send">
          {t('urgeSend')}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
