/**
 * A notification text or webhook body: a field picker that inserts `{{field}}` (and
 * `{{relation.field}}` for a linked record's fields) where the caret is, and a live rendering on
 * a sample record by the engine's own renderer, run in a worker. Notification texts are edited
 * per language and rendered over the values as people read them; a webhook body is one JSON
 * template over the stored values.
 */
import { useEffect, useRef, useState } from 'react';
import type { FieldDef } from '../../../../engine/definition/types.js';
import { engineLang, loc } from '../../../../ui/i18n.js';
import { formOf, usePanel } from './panel-context.js';
import { sampleBuiltins, sampleRecord } from './sample-record.js';
import { localizedParts, localizedValue } from './simple-controls.js';
import type { TemplateRequest, TemplateResponse } from './template-protocol.js';
import { usePanelWords } from './words.js';

let shared: { worker: Worker; next: number; waiting: Map<number, (r: TemplateResponse) => void> } | undefined;

function render(request: Omit<TemplateRequest, 'id'>): Promise<TemplateResponse> {
  if (!shared) {
    const worker = new Worker(new URL('./template-worker.ts', import.meta.url), {
      type: 'module',
      name: 'template-worker',
    });
    const waiting = new Map<number, (r: TemplateResponse) => void>();
    worker.onmessage = (e: MessageEvent<TemplateResponse>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
    shared = { worker, next: 1, waiting };
  }
  const channel = shared;
  const id = channel.next++;
  return new Promise((resolve) => {
    channel.waiting.set(id, resolve);
    channel.worker.postMessage({ ...request, id });
  });
}

function useRendering(
  source: string,
  language: 'en' | 'zh',
  escape: 'text' | 'json',
): TemplateResponse | undefined {
  const { bundle, flow, form } = usePanel();
  const [answer, setAnswer] = useState<TemplateResponse>();
  useEffect(() => {
    let live = true;
    const sample = sampleRecord(bundle, flow.key);
    void render({
      source,
      fields: form?.fields ?? [],
      data: sample.data,
      builtins: sampleBuiltins(bundle, language),
      related: sample.related,
      language,
      escape,
    }).then((r) => {
      if (live) setAnswer(r);
    });
    return () => {
      live = false;
    };
  }, [bundle, flow.key, form, source, language, escape]);
  return answer;
}

function Rendering({
  source,
  language,
  escape,
  testId,
}: {
  source: string;
  language: 'en' | 'zh';
  escape: 'text' | 'json';
  testId: string;
}) {
  const { t } = usePanelWords();
  const answer = useRendering(source, language, escape);
  if (!answer) return <p className="fp-muted">{t('templateRendering')}</p>;
  if (!answer.ok)
    return (
      <ul className="fp-problems" data-testid={`${testId}-problems`}>
        {answer.problems.map((p, i) => (
          <li key={i} className="fp-error">
            {p.message}
          </li>
        ))}
      </ul>
    );
  return (
    <pre className="fp-rendering" data-testid={testId}>
      {answer.text}
    </pre>
  );
}

/** `{{key}}` for each field, and `{{relation.key}}` for the linked form's fields. */
function insertable(
  fields: readonly FieldDef[],
  lang: 'zh-CN' | 'en',
  related: (form: string) => FieldDef[],
) {
  const out: { value: string; label: string }[] = [];
  for (const f of fields) {
    out.push({ value: f.key, label: `${loc(f.label, lang)} (${f.key})` });
    if (f.type === 'relation' && f.form)
      for (const sub of related(f.form))
        out.push({
          value: `${f.key}.${sub.key}`,
          label: `${loc(f.label, lang)} › ${loc(sub.label, lang)} (${f.key}.${sub.key})`,
        });
  }
  return out;
}

export function TemplateEditor({
  id,
  label,
  value,
  onChange,
  mode,
  name,
}: {
  id: string;
  /** The property's key, for test ids. */
  name: string;
  label: string;
  value: unknown;
  onChange: (next: unknown, typing?: boolean) => void;
  /** `localized`: notification text per language; `json`: one webhook body. */
  mode: 'localized' | 'json';
}) {
  const { t, lang } = usePanelWords();
  const { bundle, flow, form } = usePanel();
  const areas = useRef<Record<string, HTMLTextAreaElement | null>>({});
  const lastFocused = useRef<string>(mode === 'json' ? 'body' : engineLang(lang));
  const parts = mode === 'json' ? { body: typeof value === 'string' ? value : '' } : localizedParts(value);
  const options = insertable(form?.fields ?? [], lang, (key) => formOf(bundle, key)?.fields ?? []);
  const sample = sampleRecord(bundle, flow.key).source;

  const write = (next: Record<string, string>) =>
    onChange(
      mode === 'json'
        ? next.body === ''
          ? undefined
          : next.body
        : localizedValue(next as { zh: string; en: string }),
      true,
    );

  const insert = (key: string) => {
    const which = lastFocused.current;
    const area = areas.current[which];
    const text = (parts as Record<string, string>)[which] ?? '';
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    const token = `{{${key}}}`;
    write({ ...parts, [which]: text.slice(0, start) + token + text.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const keys = Object.keys(parts);
  return (
    <div className="fp-template" data-testid={`template-${name}`}>
      <select
        aria-label={t('templateInsert')}
        data-testid={`template-insert-${name}`}
        value=""
        onChange={(e) => {
          if (e.target.value) insert(e.target.value);
        }}
      >
        <option value="">{`${t('templateInsert')}: ${t('templateInsertPick')}`}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {keys.map((which, i) => (
        <div key={which} className="fp-template-part">
          {mode === 'localized' && (
            <span className="fp-lang">{which === 'zh' ? t('zhText') : t('enText')}</span>
          )}
          <textarea
            id={i === 0 ? id : `${id}~${which}`}
            aria-label={
              mode === 'localized' ? `${label} (${which === 'zh' ? t('zhText') : t('enText')})` : label
            }
            ref={(el) => {
              areas.current[which] = el;
            }}
            rows={mode === 'json' ? 5 : 3}
            className={mode === 'json' ? 'fp-json' : undefined}
            value={(parts as Record<string, string>)[which]}
            onFocus={() => {
              lastFocused.current = which;
            }}
            onChange={(e) => write({ ...parts, [which]: e.target.value })}
          />
          {(parts as Record<string, string>)[which] !== '' && (
            <div className="fp-preview">
              <span className="fp-muted">{t('templatePreview')}</span>
              <Rendering
                source={(parts as Record<string, string>)[which] ?? ''}
                language={which === 'en' ? 'en' : which === 'zh' ? 'zh' : engineLang(lang)}
                escape={mode === 'json' ? 'json' : 'text'}
                testId={`template-rendering-${name}-${which}`}
              />
            </div>
          )}
        </div>
      ))}
      <p className="fp-muted small">
        {sample.kind === 'scenario'
          ? t('templateSourceScenario', { key: sample.key })
          : sample.kind === 'sample'
            ? t('templateSourceSample')
            : t('templateSourceExample')}
      </p>
    </div>
  );
}
