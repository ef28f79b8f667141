/**
 * A rule property's place in the property panel. The formula editor (a CodeMirror view) and the
 * rule builder (react-querybuilder over every rule field) cost tens of milliseconds to mount on a
 * long form, and most fields have no rule: so a field without the rule shows a button, and the
 * editor mounts when the field has the rule or the designer asks to write one (then it has focus).
 * The button carries the control's id, so a `<label for>` and the problems panel still find it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useWords } from './words.js';

export function RuleSlot({
  id,
  has,
  formula,
  children,
}: {
  id: string;
  /** Whether the field has this rule already (the editor shows at once). */
  has: boolean;
  formula: boolean;
  children: () => ReactNode;
}) {
  const { t } = useWords();
  const [opened, setOpened] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!opened) return;
    box.current
      ?.querySelector<HTMLElement>(`#${CSS.escape(id)}, [contenteditable=true], button, select, input`)
      ?.focus();
  }, [opened, id]);
  if (!has && !opened)
    return (
      <button
        type="button"
        className="quiet"
        id={id}
        data-testid={`${id}-open`}
        onClick={() => setOpened(true)}
      >
        + {t(formula ? 'writeFormula' : 'writeCondition')}
      </button>
    );
  return <div ref={box}>{children()}</div>;
}
