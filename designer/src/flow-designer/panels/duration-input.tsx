/**
 * A duration typed as people say it ("2 天 4 小时", "2 days 4 hours"), stored as the ISO-8601
 * duration the engine runs (`P2DT4H`), shown back in words in the designer's language. What is
 * typed stays as typed until it reads; a wrong word says why, and the stored value is untouched.
 */
import { useEffect, useState } from 'react';
import { engineLang } from '../../../../ui/i18n.js';
import { formatDuration, parseDurationText, type DurationParse } from './duration-text.js';
import { usePanelWords, type PanelWordKey } from './words.js';

const REASONS: Record<Extract<DurationParse, { ok: false }>['reason'], PanelWordKey> = {
  business_days: 'durationBusinessDays',
  unknown_unit: 'durationUnknownUnit',
  syntax: 'durationSyntax',
  too_large: 'durationTooLarge',
  fraction: 'durationFraction',
};

export function DurationInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (next: string | undefined, typing?: boolean) => void;
}) {
  const { t, lang } = usePanelWords();
  const words = formatDuration(value, engineLang(lang)) ?? (typeof value === 'string' ? value : '');
  const [text, setText] = useState(words);
  const [focused, setFocused] = useState(false);
  // Shown in words again when the stored value changes from elsewhere (undo, another control).
  useEffect(() => {
    if (!focused) setText(words);
  }, [words, focused]);
  const parsed = parseDurationText(text);
  return (
    <div className="fp-duration">
      <input
        id={id}
        aria-label={label}
        value={text}
        placeholder={t('durationPlaceholder')}
        aria-invalid={!parsed.ok}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (parsed.ok) setText(formatDuration(parsed.iso, engineLang(lang)) ?? '');
        }}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseDurationText(e.target.value);
          if (next.ok && next.iso !== value) onChange(next.iso, true);
        }}
      />
      {parsed.ok ? (
        parsed.iso && (
          <span className="fp-muted" data-testid={`${id}-iso`}>
            {t('durationMeans', { iso: parsed.iso })}
          </span>
        )
      ) : (
        <span className="fp-error" role="alert">
          {t(REASONS[parsed.reason], { part: parsed.part ?? '' })}
        </span>
      )}
    </div>
  );
}
