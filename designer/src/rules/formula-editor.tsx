/**
 * The formula editor (CodeMirror 6): the formula as readable text (`quantity * unit_price`,
 * `sum(items.amount)`), parsed to the engine's JSON Logic on every keystroke and printed back from
 * it (engine/rules/formula-parse.ts, formula-print.ts). Field names complete by key and by label;
 * parse errors, unknown fields and operations outside the allow-list are lint diagnostics at their
 * place and listed below. A text that does not parse stores nothing (the last good formula stays).
 * JSON is the advanced view; a formula the text cannot say opens there with a notice.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  acceptCompletion,
  autocompletion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap } from '@codemirror/commands';
import { linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { printFormula } from '../../../engine/rules/formula-print.js';
import { checkFormula, FORMULA_FUNCTIONS, type FormulaProblem } from './formula-check.js';
import { JsonView } from './json-view.js';
import type { RuleField } from './rule-fields.js';
import { useRuleWords, type RuleWordKey } from './rule-words.js';
import './rules.css';

type Words = ReturnType<typeof useRuleWords>['t'];

function completions(fields: readonly RuleField[], context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[A-Za-z0-9_$.\u3400-\u9fff]+/);
  if (!word && !context.explicit) return null;
  const from = word?.from ?? context.pos;
  const query = (word?.text ?? '').toLowerCase();
  const fieldOptions = fields
    .filter((f) => f.name.toLowerCase().includes(query) || f.label.toLowerCase().includes(query))
    .map((f) => ({ label: f.name, detail: f.label, type: 'variable' }));
  const functionOptions = FORMULA_FUNCTIONS.filter((f) => f.name.startsWith(query)).map((f) => ({
    label: f.name,
    detail: `(${f.args})`,
    type: 'function',
    apply: `${f.name}(`,
  }));
  return { from, options: [...fieldOptions, ...functionOptions], filter: false };
}

function message(t: Words, p: FormulaProblem): string {
  return t(p.key as RuleWordKey, p.vars);
}

export function FormulaEditor({
  value,
  fields,
  onChange,
  testId,
  id,
}: {
  value: unknown;
  fields: RuleField[];
  onChange: (next: unknown) => void;
  testId?: string;
  /** The text input's id (a `<label for>` and the problems panel's focus find it). */
  id?: string;
}) {
  const { t } = useRuleWords();
  const printed = useMemo(() => (value === undefined ? '' : printFormula(value)), [value]);
  const [mode, setMode] = useState<'text' | 'json'>(printed === undefined ? 'json' : 'text');
  const [problems, setProblems] = useState<FormulaProblem[]>([]);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const mine = useRef(JSON.stringify(value ?? null));
  // The editor is built once per mount; what it calls back reads the newest props through refs.
  const latest = useRef({ fields, onChange, t });
  latest.current = { fields, onChange, t };

  const emit = (next: unknown) => {
    const now = JSON.stringify(next ?? null);
    if (now === mine.current) return;
    mine.current = now;
    latest.current.onChange(next);
  };

  useEffect(() => {
    if (mode !== 'text' || !host.current) return;
    const lint = linter(
      (v): Diagnostic[] =>
        checkFormula(v.state.doc.toString(), latest.current.fields).problems.map((p) => ({
          from: p.from,
          to: Math.min(p.to, v.state.doc.length),
          severity: 'error',
          message: message(latest.current.t, p),
        })),
      { delay: 150 },
    );
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: printed ?? '',
        extensions: [
          // A formula is one line: Enter takes the offered completion, never a line break.
          Prec.highest(keymap.of([{ key: 'Enter', run: (v) => acceptCompletion(v) || true }])),
          keymap.of(defaultKeymap),
          placeholder(t('formulaPlaceholder')),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': t('formulaText'),
            ...(testId ? { 'data-testid': `${testId}-input` } : {}),
            ...(id ? { id } : {}),
          }),
          autocompletion({ override: [(c) => completions(latest.current.fields, c)], icons: false }),
          lint,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const check = checkFormula(update.state.doc.toString(), latest.current.fields);
            setProblems(check.problems);
            if (check.empty) emit(undefined);
            else if (check.logic !== undefined) emit(check.logic);
          }),
        ],
      }),
    });
    view.current = editor;
    setProblems(checkFormula(editor.state.doc.toString(), latest.current.fields).problems);
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Rebuilt only when the text view opens; the text then follows `value` below.
  }, [mode]);

  useEffect(() => {
    // A change from elsewhere (undo, the JSON view): the text is printed again.
    const now = JSON.stringify(value ?? null);
    if (now === mine.current) return;
    mine.current = now;
    if (printed === undefined) {
      setMode('json');
      return;
    }
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== printed)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: printed } });
  }, [value, printed]);

  return (
    <div className="formula-box" data-testid={testId}>
      <div className="rule-modes" role="group">
        <button
          type="button"
          className="quiet"
          aria-pressed={mode === 'text'}
          disabled={printed === undefined}
          onClick={() => setMode('text')}
          data-testid={testId && `${testId}-visual`}
        >
          {t('formulaText')}
        </button>
        <button
          type="button"
          className="quiet"
          aria-pressed={mode === 'json'}
          onClick={() => setMode('json')}
          data-testid={testId && `${testId}-json`}
        >
          {t('ruleJson')}
        </button>
      </div>
      {printed === undefined && (
        <p className="rule-notice" role="status" data-testid={testId && `${testId}-not-shown`}>
          {t('formulaNotShown')}
        </p>
      )}
      {mode === 'json' ? (
        <JsonView value={value} onChange={emit} label={t('ruleJson')} testId={testId && `${testId}-text`} />
      ) : (
        <>
          <div className="formula-input" ref={host} />
          {problems.length > 0 ? (
            <ul className="formula-problems" data-testid={testId && `${testId}-problems`}>
              {problems.map((p, i) => (
                <li key={i}>
                  {message(t, p)}
                  {t('atChar', { n: p.from + 1 })}
                </li>
              ))}
            </ul>
          ) : (
            <small className="muted formula-help">{t('formulaHelp')}</small>
          )}
        </>
      )}
    </div>
  );
}
