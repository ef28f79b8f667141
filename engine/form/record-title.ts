/**
 * How people name a record: its case number (the first autonumber), else its first text field.
 * The web app's titles, notification titles and exports say the same.
 */
import type { FormDef } from '../definition/types.js';

export function recordTitle(
  form: Pick<FormDef, 'fields'> | undefined,
  data: Readonly<Record<string, unknown>>,
): string {
  const fields = form?.fields ?? [];
  for (const f of fields)
    if (f.type === 'autonumber' && typeof data[f.key] === 'string') return data[f.key] as string;
  for (const f of fields)
    if (f.type === 'text' && typeof data[f.key] === 'string') return data[f.key] as string;
  return '';
}
