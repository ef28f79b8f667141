/**
 * Files fields: upload through `POST /api/v1/files`, previews of images (served by the API, same
 * origin, so the CSP's `img-src 'self'` allows them), links for the rest, remove buttons.
 * Downloads name the record the files belong to (`FileRecord`): the server lets anyone but the
 * uploader fetch a file only through a record they may read.
 */
import { createContext, useContext, useState, type ChangeEvent } from 'react';
import { ApiError, uploadFile } from '../api.js';
import { useI18n } from '../i18n.js';
import type { FieldDef, FileInfo } from '../../contract/index.js';

const infos = new Map<string, FileInfo>();

/** The record whose files are shown below it (case and task pages, record lists). */
export const FileRecord = createContext<string | undefined>(undefined);

function FileItem({ id, onRemove }: { id: string; onRemove?: () => void }) {
  const { t } = useI18n();
  const info = infos.get(id);
  const [broken, setBroken] = useState(info ? !info.type.startsWith('image/') : false);
  const recordId = useContext(FileRecord);
  const url = `/api/v1/files/${encodeURIComponent(id)}${recordId ? `?record=${encodeURIComponent(recordId)}` : ''}`;
  const name = info?.name ?? `${id.slice(0, 8)}…`;
  return (
    <li className="file">
      <a href={url} target="_blank" rel="noopener noreferrer">
        {!broken && (
          <img src={url} alt={name} width={72} height={72} loading="lazy" onError={() => setBroken(true)} />
        )}
        <span className="file-name">{name}</span>
      </a>
      {onRemove && (
        <button
          type="button"
          className="link danger"
          onClick={onRemove}
          aria-label={t('removeFile', { name })}
        >
          ×
        </button>
      )}
    </li>
  );
}

export function FileList({ ids, onRemove }: { ids: string[]; onRemove?: (id: string) => void }) {
  return (
    <ul className="files">
      {ids.map((id) => (
        <FileItem key={id} id={id} {...(onRemove ? { onRemove: () => onRemove(id) } : {})} />
      ))}
    </ul>
  );
}

export function FilesInput({
  id,
  field,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  field: FieldDef;
  value: unknown;
  onChange: (v: string[] | undefined) => void;
  describedBy?: string;
}) {
  const { t } = useI18n();
  const ids = Array.isArray(value) ? value.map(String) : [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const max = field.maxFiles;

  const add = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length === 0) return;
    if (max !== undefined && ids.length + files.length > max) {
      setError(t('fileTooMany', { n: max }));
      return;
    }
    setBusy(true);
    setError(undefined);
    const added: string[] = [];
    try {
      for (const file of files) {
        const info = await uploadFile(file);
        infos.set(info.id, info);
        if (!ids.includes(info.id) && !added.includes(info.id)) added.push(info.id);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      if (added.length > 0) onChange([...ids, ...added]);
    }
  };

  return (
    <div className="files-input">
      <FileList
        ids={ids}
        onRemove={(gone) =>
          onChange(ids.filter((x) => x !== gone).length ? ids.filter((x) => x !== gone) : undefined)
        }
      />
      <label className="button secondary file-button">
        {busy ? t('uploading') : t('upload')}
        <input
          id={id}
          type="file"
          multiple={max === undefined || max > 1}
          accept={field.accept?.join(',')}
          onChange={(e) => void add(e)}
          disabled={busy}
          aria-describedby={describedBy}
          className="visually-hidden-file"
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
