/**
 * The live preview: the form as users will fill it, through the engine's real form compiler (in a
 * worker, `preview-worker.ts`) and
 * the shared field inputs (ui/fields), at desktop width or a 375 px phone. Typing shows formulas,
 * visibility and validation messages exactly as the web app computes them; nothing is saved.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeFieldTypes } from '../../../engine/form/fields/registry.js';
import type { FormDef } from '../../../engine/definition/types.js';
import { engineLang, loc } from '../../../ui/i18n.js';
import { rememberFieldControls } from '../../../ui/fields/field-controls.js';
import { errorMap } from '../../../ui/fields/field-part.js';
import { FormFields } from '../../../ui/fields/form-fields.js';
import { preloadRelations, relationsFor } from '../../../ui/records.js';
import '../../../ui/styles/fields.css';
import type { PreviewRequest, PreviewResponse } from './preview-protocol.js';
import { useWords } from './words.js';

// The designer bundles the engine's registry, so every type's fallback input is known at once.
rememberFieldControls(Object.fromEntries(describeFieldTypes().map((d) => [d.type, d.control])));

function today(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

export function FormPreview({
  app,
  form,
  width,
}: {
  app: string;
  form: FormDef;
  width: 'desktop' | 'phone';
}) {
  const { t, lang } = useWords();
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [answer, setAnswer] = useState<PreviewResponse>();
  const [relTick, setRelTick] = useState(0);
  const worker = useRef<{ worker: Worker; next: number }>(undefined);
  // Linked records the designer picked are loaded through the API (what the web app does), so
  // `product.price` in a formula or rule computes with the real record.
  useEffect(() => {
    let live = true;
    void preloadRelations(form.fields, draft).then(() => live && setRelTick((t) => t + 1));
    return () => {
      live = false;
    };
  }, [form.fields, draft]);
  const relations = useMemo(() => relationsFor(form.fields, draft), [form.fields, draft, relTick]);
  useEffect(() => {
    const w = new Worker(new URL('./preview-worker.ts', import.meta.url), {
      type: 'module',
      name: 'preview-worker',
    });
    worker.current = { worker: w, next: 1 };
    w.onmessage = (e: MessageEvent<PreviewResponse>) => {
      // Only the answer to the latest request counts.
      if (e.data.id === (worker.current?.next ?? 0) - 1) setAnswer(e.data);
    };
    return () => w.terminate();
  }, []);
  useEffect(() => {
    const current = worker.current;
    if (!current) return;
    const now = new Date();
    const request: PreviewRequest = {
      id: current.next++,
      form,
      input: draft,
      relations,
      now: now.toISOString(),
      today: today(now),
      language: engineLang(lang),
    };
    current.worker.postMessage(request);
  }, [form, draft, relations, lang]);
  if (answer && !answer.ok)
    return (
      <p className="notice" data-testid="preview-unavailable">
        {t('previewUnavailable', { m: answer.message })}
      </p>
    );
  return (
    <div
      className={`preview preview-${width}`}
      data-testid="form-preview"
      style={width === 'phone' ? { width: 375 } : undefined}
    >
      <p className="muted small">{t('previewHelp')}</p>
      <h2 className="preview-title">{loc(form.name, lang)}</h2>
      {answer && (
        <FormFields
          idPrefix="preview"
          app={app}
          fields={form.fields}
          shown={answer.evaluated}
          draft={draft}
          onChange={(key, value) => {
            setDraft((d) => ({ ...d, [key]: value }));
            setTouched((s) => new Set([...s, key]));
          }}
          editable={(f) => f.type !== 'autonumber' && f.formula === undefined && f.readonly !== true}
          required={(f) => f.required === true}
          hidden={new Set(answer.hidden)}
          errors={errorMap(answer.errors)}
          showErrorsFor={touched}
        />
      )}
    </div>
  );
}
