/**
 * The plain inputs a property list asks for: texts, bilingual texts, numbers, switches, choices,
 * and pickers of what the bundle defines (nodes, fields, forms, flows, roles). Each takes the
 * control id `focusPath` looks for and reports changes; the panel writes them.
 */
import { useEffect, useState } from 'react';
import type { FieldDef, LocalizedText } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { usePanel } from './panel-context.js';
import { usePanelWords } from './words.js';

interface Props<V> {
  id: string;
  label: string;
  value: V;
  onChange: (next: V, typing?: boolean) => void;
}

export function TextControl({
  id,
  label,
  value,
  onChange,
  multiline,
  placeholder,
}: Props<unknown> & {
  multiline?: boolean;
  placeholder?: string;
}) {
  const text = typeof value === 'string' ? value : '';
  return multiline ? (
    <textarea
      id={id}
      aria-label={label}
      rows={3}
      value={text}
      onChange={(e) => onChange(e.target.value, true)}
    />
  ) : (
    <input
      id={id}
      aria-label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value, true)}
    />
  );
}

/** `{ zh, en }`; a language left empty is left out, both empty clears the property. */
export function localizedParts(value: unknown): { zh: string; en: string } {
  if (typeof value === 'string') return { zh: value, en: value };
  const v = (value ?? {}) as { zh?: string; en?: string };
  return { zh: v.zh ?? '', en: v.en ?? '' };
}

export function localizedValue(parts: { zh: string; en: string }): LocalizedText | undefined {
  const out: { zh?: string; en?: string } = {};
  if (parts.zh !== '') out.zh = parts.zh;
  if (parts.en !== '') out.en = parts.en;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function LocalizedControl({
  id,
  label,
  value,
  onChange,
  multiline,
}: Props<unknown> & { multiline?: boolean }) {
  const { t } = usePanelWords();
  const parts = localizedParts(value);
  const input = (lang: 'zh' | 'en', inputId: string) => {
    const props = {
      id: inputId,
      'aria-label': `${label} (${lang === 'zh' ? t('zhText') : t('enText')})`,
      value: parts[lang],
      onChange: (e: { target: { value: string } }) =>
        onChange(localizedValue({ ...parts, [lang]: e.target.value }), true),
    };
    return multiline ? <textarea rows={3} {...props} /> : <input {...props} />;
  };
  return (
    <div className="fp-localized">
      <span className="fp-lang">{t('zhText')}</span>
      {input('zh', id)}
      <span className="fp-lang">{t('enText')}</span>
      {input('en', `${id}~en`)}
    </div>
  );
}

export function NumberControl({
  id,
  label,
  value,
  onChange,
  integer,
}: Props<unknown> & { integer?: boolean }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  useEffect(() => setText(typeof value === 'number' ? String(value) : ''), [value]);
  return (
    <input
      id={id}
      aria-label={label}
      inputMode={integer ? 'numeric' : 'decimal'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() === '') onChange(undefined, true);
        else if (Number.isFinite(n) && (!integer || Number.isInteger(n))) onChange(n, true);
      }}
    />
  );
}

export function BooleanControl({ id, label, value, onChange }: Props<unknown>) {
  return (
    <label className="fp-check">
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked || undefined)}
      />
      {label}
    </label>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectControl({
  id,
  label,
  value,
  onChange,
  options,
  required,
  testId,
}: Props<unknown> & { options: readonly Choice[]; required?: boolean; testId?: string }) {
  const { t } = usePanelWords();
  const current = typeof value === 'string' ? value : '';
  const known = options.some((o) => o.value === current);
  return (
    <select
      id={id}
      aria-label={label}
      data-testid={testId}
      value={current}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    >
      {(!required || current === '') && <option value="">{t('none')}</option>}
      {!known && current !== '' && <option value={current}>{current}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Several of a list, as checkboxes, in the list's order. */
export function ChecksControl({
  id,
  label,
  value,
  onChange,
  options,
}: Props<unknown> & { options: readonly Choice[] }) {
  const { t } = usePanelWords();
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const toggle = (key: string, on: boolean) => {
    const next = on ? [...chosen, key] : chosen.filter((k) => k !== key);
    onChange(options.map((o) => o.value).filter((k) => next.includes(k)));
  };
  if (options.length === 0 && chosen.length === 0)
    return (
      <p className="fp-muted" id={id} tabIndex={-1}>
        {t('noChoices')}
      </p>
    );
  return (
    <div className="fp-checks" id={id} role="group" aria-label={label} tabIndex={-1}>
      {options.map((o, i) => (
        <label key={o.value} className="fp-check">
          <input
            id={i === 0 ? `${id}/0` : undefined}
            type="checkbox"
            value={o.value}
            checked={chosen.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          {o.label}
        </label>
      ))}
      {chosen
        .filter((k) => !options.some((o) => o.value === k))
        .map((k) => (
          <label key={k} className="fp-check fp-unknown">
            <input type="checkbox" checked onChange={() => toggle(k, false)} />
            {k}
          </label>
        ))}
    </div>
  );
}

/** A JSON value typed as text: kept as typed until it parses. */
export function JsonControl({ id, label, value, onChange }: Props<unknown>) {
  const { t } = usePanelWords();
  const shown = value === undefined ? '' : JSON.stringify(value);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(shown);
    setBad(false);
  }, [shown]);
  return (
    <>
      <textarea
        id={id}
        aria-label={label}
        className="fp-json"
        rows={2}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setBad(false);
            onChange(undefined, true);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value) as unknown, true);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <span className="fp-error">{t('ruleInvalid')}</span>}
    </>
  );
}

export function fieldChoices(
  fields: readonly FieldDef[],
  lang: 'zh-CN' | 'en',
  types?: readonly string[],
): Choice[] {
  return fields
    .filter((f) => !types || types.includes(f.type))
    .map((f) => ({ value: f.key, label: `${loc(f.label, lang)} (${f.key})` }));
}

/** The flow's nodes other than this one, named as people see them. */
export function useNodeChoices(only?: readonly string[]): Choice[] {
  const { flow, nodeId, lang } = usePanel();
  // Asked of every control of a node's panel: most offer no nodes, and a large flow has hundreds.
  if (only?.length === 0) return [];
  const kept = only && new Set(only);
  return Object.entries(flow.nodes)
    .filter(([id]) => id !== nodeId && (!kept || kept.has(id)))
    .map(([id, n]) => ({ value: id, label: n.name ? `${loc(n.name, lang)} (${id})` : id }));
}
