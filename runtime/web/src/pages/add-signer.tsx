/**
 * 加签 on the task page: the dialog that adds a colleague before or after the assignee (a people
 * picker offering whom the server accepts, `GET /tasks/:id/signer-targets`, and a required
 * comment), and the notes a task shows about its signers (who it waits for, who added you, who
 * signs after you).
 */
import { useState, type ReactElement } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { announceChange } from '../../../../ui/data.js';
import { UserPicker } from '../../../../ui/fields/user-picker.js';
import { useI18n } from '../i18n.js';
import { useUserName } from '../../../../ui/records.js';
import { useTransferTargets } from '../transfer-targets.js';
import type { AppView, Task } from '../types.js';

function Name({ id }: { id: string }): ReactElement {
  const name = useUserName(id);
  return <strong title={id}>{name ?? id.slice(0, 8)}</strong>;
}

function Names({ ids }: { ids: string[] }): ReactElement {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && '、'}
          <Name id={id} />
        </span>
      ))}
    </>
  );
}

/** Fills `{who}` in a message with people's names (React nodes, not text). */
function withNames(text: string, ids: string[], rest: Record<string, string> = {}): ReactElement {
  let out = text;
  for (const [k, v] of Object.entries(rest)) out = out.replace(`{${k}}`, v);
  const [before, after] = out.split('{who}');
  return (
    <>
      {before}
      <Names ids={ids} />
      {after}
    </>
  );
}

/** What the task says about its signers, if anything. */
export function SignerNotes({ task }: { task: Task }): ReactElement | null {
  const { t, raw } = useSignerText();
  const notes: ReactElement[] = [];
  if (task.signer)
    notes.push(
      <p key="signer" className="notice" data-testid="signer-note">
        {withNames(raw('signerAddedYou'), [task.signer.by], {
          pos: t(task.signer.position === 'before' ? 'signerPosBefore' : 'signerPosAfter'),
        })}
      </p>,
    );
  if (task.waitingFor?.length)
    notes.push(
      <p key="waiting" className="notice" role="status" data-testid="waiting-for-signer">
        {withNames(raw('waitingForSigner'), task.waitingFor)}
      </p>,
    );
  if (task.signersAfter?.length)
    notes.push(
      <p key="after" className="muted small" data-testid="signers-after">
        {withNames(raw('signersAfterYou'), task.signersAfter)}
      </p>,
    );
  return notes.length > 0 ? <>{notes}</> : null;
}

/** `t` without interpolation, so `{who}` survives for `withNames`. */
function useSignerText() {
  const { t } = useI18n();
  return {
    t,
    raw: (key: 'signerAddedYou' | 'waitingForSigner' | 'signersAfterYou') =>
      t(key, { who: '{who}', pos: '{pos}' }),
  };
}

/** The 加签 dialog: position, person, comment; `onDone` after the server accepted it. */
export function AddSignerDialog({
  app,
  task,
  onCancel,
  onDone,
}: {
  app: AppView;
  task: Task;
  onCancel: () => void;
  onDone: () => void;
}): ReactElement {
  const { t } = useI18n();
  const people = useTransferTargets(task.id, 'signer');
  const [position, setPosition] = useState<'before' | 'after'>('before');
  const [user, setUser] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(undefined);
    if (!comment.trim()) {
      setError(t('signerReasonMissing'));
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/tasks/${encodeURIComponent(task.id)}/add-signer`, {
        user: user.trim(),
        position,
        comment: comment.trim(),
      });
      announceChange();
      onDone();
    } catch (err) {
      setError(
        err instanceof ApiError && err.problems.length > 0
          ? err.problems.map((p) => p.message).join(' ')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="card form add-signer"
      role="group"
      aria-labelledby="add-signer-title"
      data-testid="add-signer"
    >
      <h2 id="add-signer-title">{t('addSigner')}</h2>
      <fieldset className="field">
        <legend>{t('signerPosition')}</legend>
        {(['before', 'after'] as const).map((p) => (
          <label key={p} className="choice">
            <input
              type="radio"
              name="signer-position"
              value={p}
              checked={position === p}
              onChange={() => setPosition(p)}
              data-testid={`signer-${p}`}
            />{' '}
            {t(p === 'before' ? 'signerBefore' : 'signerAfter')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="signer-user">{t('signerWho')}</label>
        <UserPicker
          id="signer-user"
          app={app.key}
          value={user}
          onChange={(v) => setUser(v ?? '')}
          people={people ?? 'loading'}
          required
          free
        />
      </div>
      <div className="field">
        <label htmlFor="signer-comment">
          {t('signerReason')}
          <span className="req"> *</span>
        </label>
        <textarea
          id="signer-comment"
          rows={2}
          value={comment}
          aria-required
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="signer-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || !user.trim()}
          onClick={() => void submit()}
          data-testid="confirm-addSigner"
        >
          {t('confirm')}
          {t('colon')}
          {t('addSigner')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
