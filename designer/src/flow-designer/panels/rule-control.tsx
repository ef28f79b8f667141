/**
 * A JSON Logic property. A condition (a branch path's `when`) is edited with the shared visual
 * rule builder over the flow form's fields (and its relations' fields as `relation.field`); a
 * value expression (which record a record action updates) stays JSON Logic typed as text.
 */
import { useMemo } from 'react';
import { RuleBuilder } from '../../rules/rule-builder.js';
import { ruleFieldsOf } from '../../rules/rule-fields.js';
import { usePanel } from './panel-context.js';
import { JsonControl } from './simple-controls.js';

export function RuleControl({
  id,
  label,
  value,
  onChange,
  testId,
  condition,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (next: unknown, typing?: boolean) => void;
  testId?: string;
  /** A yes/no condition (the visual builder) rather than a value expression. */
  condition: boolean;
}) {
  const { bundle, flow, lang } = usePanel();
  const fields = useMemo(() => ruleFieldsOf(bundle, flow.form, lang), [bundle, flow.form, lang]);
  if (!condition) return <JsonControl id={id} label={label} value={value} onChange={onChange} />;
  return (
    <div id={id} tabIndex={-1} aria-label={label} className="fp-rule">
      <RuleBuilder value={value} fields={fields} onChange={(next) => onChange(next, true)} testId={testId} />
    </div>
  );
}
