/**
 * The advanced view of a rule: its JSON Logic as text, kept as typed while it does not parse (the
 * last good rule stays stored), saved as soon as it does. An emptied text removes the rule.
 */
import { useEffect, useRef, useState } from 'react';
import { useRuleWords } from './rule-words.js';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 1);
}

export function JsonView({
  value,
  onChange,
  label,
  testId,
}: {
  value: unknown;
  onChange: (next: unknown) => void;
  label: string;
  testId?: string;
}) {
  const { t } = useRuleWords();
  const [text, setText] = useState(show(value));
  const [bad, setBad] = useState(false);
  const mine = useRef(JSON.stringify(value ?? null));
  useEffect(() => {
    // Only a change from elsewhere (undo, the visual view) replaces what is being typed.
    const now = JSON.stringify(value ?? null);
    if (now === mine.current) return;
    mine.current = now;
    setText(show(value));
    setBad(false);
  }, [value]);
  return (
    <>
      <textarea
        aria-label={label}
        rows={4}
        className="code rule-json"
        data-testid={testId}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          let next: unknown;
          if (e.target.value.trim() !== '') {
            try {
              next = JSON.parse(e.target.value);
            } catch {
              setBad(true);
              return;
            }
          }
          setBad(false);
          mine.current = JSON.stringify(next ?? null);
          onChange(next);
        }}
      />
      {bad && <small className="error">{t('invalidJson')}</small>}
    </>
  );
}
