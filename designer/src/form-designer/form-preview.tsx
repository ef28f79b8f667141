/**
 * The live preview: the form as users will fill it, through the engine's real form compiler and
 * the shared field inputs (ui/fields), at desktop width or a 375 px phone. Typing shows formulas,
 * visibility and validation messages exactly as the web app computes them; nothing is saved.
 */
import { useMemo, useState } from 'react';
import { compileForm } from '../../../engine/form/compile-form.js';
import { describeFieldTypes } from '../../../engine/form/fields/registry.js';
import type { FormDef } from '../../../engine/definition/types.js';
import { engineLang } from '../../../ui/i18n.js';
import { rememberFieldControls } from '../../../ui/fields/field-controls.js';
import { errorMap } from '../../../ui/fields/field-part.js';
import { FormFields } from '../../../ui/fields/form-fields.js';
import { useWords } from './words.js';

// The designer bundles the engine's registry, so every type's fallback input is known at once.
rememberFieldControls(Object.fromEntries(describeFieldTypes().map((d) => [d.type, d.control])));

function today(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

export function FormPreview({ app, form, width }: { app: string; form: FormDef; width: 'desktop' | 'phone' }) {
  const { t, lang } = useWords();
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const compiled = useMemo(() => {
    try {
      return { form: compileForm(form) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [form]);
  const answer = useMemo(() => {
    if (!compiled.form) return undefined;
    const now = new Date();
    const context = { now: now.toISOString(), today: today(now), language: engineLang(lang), lookup: (_f: string, id: string) => ({ id }) };
    try {
      const result = compiled.form.submit(draft, { ...context, mode: 'create' });
      const evaluated = compiled.form.evaluate(draft, context);
      const hidden = compiled.form.hiddenPaths(draft, context).map((p) => (p.lastIndexOf('/') === 0 ? p.slice(1) : p));
      return { evaluated, hidden: new Set(hidden), errors: errorMap(result.errors) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [compiled, draft, lang]);
  if (compiled.error !== undefined || !answer || 'error' in answer)
    return (
      <p className="notice" data-testid="preview-unavailable">
        {t('previewUnavailable', { m: compiled.error ?? (answer && 'error' in answer ? String(answer.error) : '') })}
      </p>
    );
  const fields = form.fields;
  return (
    <div className={`preview preview-${width}`} data-testid="form-preview" style={width === 'phone' ? { width: 375 } : undefined}>
      <p className="muted small">{t('previewHelp')}</p>
      <FormFields
        idPrefix="preview"
        app={app}
        fields={fields}
        shown={answer.evaluated}
        draft={draft}
        onChange={(key, value) => setDraft((d) => ({ ...d, [key]: value }))}
        editable={(f) => f.type !== 'autonumber' && f.formula === undefined && f.readonly !== true}
        required={(f) => f.required === true}
        hidden={answer.hidden}
        errors={answer.errors}
      />
    </div>
  );
}
