/**
 * A condition (JSON Logic) on the flow's form. Until the shared visual rule builder
 * (designer/src/rules/rule-builder.tsx) is in the tree, the condition is typed as JSON Logic here.
 */
import { JsonControl } from './simple-controls.js';

export function RuleControl({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (next: unknown, typing?: boolean) => void;
  testId?: string;
}) {
  return <JsonControl id={id} label={label} value={value} onChange={onChange} />;
}
