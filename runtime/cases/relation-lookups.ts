/**
 * The engine resolves relations synchronously (rules read `customer.tier`), while the store is
 * async. So before a step we load every record the data points to, once, inside the transaction.
 */
import type { FieldDef } from '../../engine/index.js';
import type { RecordLookup } from '../../engine/index.js';
import type { RecordRow, StoreTx } from '../store/store.js';

type Reader = Pick<StoreTx, 'getRecord'>;

function collect(fields: readonly FieldDef[], data: unknown, out: Map<string, string>): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const values = data as Record<string, unknown>;
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(values, field.key) ? values[field.key] : undefined;
    if (field.type === 'relation' && typeof value === 'string' && field.form) out.set(value, field.form);
    if (field.type === 'table' && Array.isArray(value)) for (const row of value) collect(field.columns ?? [], row, out);
  }
}

/**
 * Loads the records referenced by relation fields in any of `sources` and returns a lookup that
 * answers only for records of the expected app and form (an id of another form resolves to nothing).
 */
export async function loadRelations(reader: Reader, app: string, fields: readonly FieldDef[], sources: readonly unknown[]): Promise<RecordLookup> {
  const wanted = new Map<string, string>();
  for (const source of sources) collect(fields, source, wanted);
  const found = new Map<string, RecordRow>();
  for (const id of wanted.keys()) {
    if (id.length > 100) continue;
    const row = await reader.getRecord(id);
    if (row && row.app === app) found.set(id, row);
  }
  return (form, id) => {
    const row = found.get(id);
    return row && row.form === form ? { ...row.data, id: row.id } : undefined;
  };
}
