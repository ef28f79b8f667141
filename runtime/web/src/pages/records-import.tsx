/**
 * The record list's CSV import, for staff who may create records of the form. The file goes to
 * the import route as it is: the server reads its columns (field keys or labels, as the export
 * writes them), validates every row as a creation and stores all rows or none. What it refused
 * is listed by the file's data row (from 1) and the field's label.
 */
import { useRef, useState, type ReactNode } from 'react';
import { ApiError, errorText, postText } from '../../../../ui/api.js';
import { loc, useI18n } from '../i18n.js';
import type { FormDef, Problem } from '../types.js';

/** Problems listed at most; the rest are counted. */
const SHOWN = 20;

interface ImportState {
  busy?: string;
  done?: string;
  error?: string;
  problems?: string[];
}

/** The import button (for the page's head) and its outcome (for below it). */
export function useRecordsImport(
  base: string,
  form: FormDef | undefined,
  onImported: () => void,
): { button: ReactNode; status: ReactNode } {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({});

  const problemText = (p: Problem): string => {
    const row = /^\/records\/(\d+)\/([^/]+)/.exec(p.path);
    if (row) {
      const field = form?.fields.find((f) => f.key === row[2]);
      return t('importRow', {
        row: Number(row[1]) + 1,
        field: field ? loc(field.label, lang) : row[2]!,
        m: p.message,
      });
    }
    const column = /^\/columns\/(\d+)/.exec(p.path);
    return column ? t('importColumn', { col: Number(column[1]) + 1, m: p.message }) : p.message;
  };

  const upload = async (file: File): Promise<void> => {
    setState({ busy: file.name });
    try {
      const result = await postText<{ imported: number }>(
        `${base}/records/import`,
        await file.text(),
        'text/csv; charset=utf-8',
      );
      setState({ done: t('importDone', { n: result.imported, name: file.name }) });
      onImported();
    } catch (e) {
      setState({
        error: t('importFailed', { name: file.name, m: errorText(e) }),
        problems: e instanceof ApiError ? e.problems.map(problemText) : [],
      });
    } finally {
      // The same file may be chosen again after it was fixed.
      if (input.current) input.current.value = '';
    }
  };

  const button = (
    <label className={`button secondary small${state.busy ? ' disabled' : ''}`} data-testid="import-csv">
      {t('importCsv')}
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        disabled={Boolean(state.busy)}
        data-testid="import-csv-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
    </label>
  );
  const problems = state.problems ?? [];
  const status = (
    <>
      {state.busy && <p className="muted">{t('importing', { name: state.busy })}</p>}
      {state.done && (
        <p className="notice ok" data-testid="import-done">
          {state.done}
        </p>
      )}
      {state.error && (
        <div className="notice error" data-testid="import-failed">
          <p>{state.error}</p>
          {problems.length > 0 && (
            <ul data-testid="import-problems">
              {problems.slice(0, SHOWN).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
              {problems.length > SHOWN && <li>{t('importMore', { n: problems.length - SHOWN })}</li>}
            </ul>
          )}
        </div>
      )}
    </>
  );
  return { button, status };
}
