/**
 * The compiler's internal view of a form: each field with its type module, its validator and,
 * for tables, its columns; fields in evaluation order; which form each relation field links to.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { FieldDef } from '../definition/types.js';
import type { FieldTypeModule } from './fields/field-type.js';
import type { Language } from './types.js';

export interface FieldModel {
  readonly def: Readonly<FieldDef>;
  readonly type: FieldTypeModule;
  /** Computed or generated: a written value is ignored, never validated, never required. */
  readonly computed: boolean;
  /** Table columns in evaluation order (empty for other types). */
  readonly columns: readonly FieldModel[];
  readonly columnByKey: ReadonlyMap<string, FieldModel>;
  /** For tables: relation key → linked form, as a row's rules see it (row columns win). */
  readonly rowRelationForms: ReadonlyMap<string, string>;
}

export interface FormModel {
  readonly key: string;
  readonly language: Language;
  /** Declaration order. */
  readonly fields: readonly FieldModel[];
  /** Evaluation order: every field after the fields its `visibleIf`/`formula` read. */
  readonly order: readonly FieldModel[];
  readonly byKey: ReadonlyMap<string, FieldModel>;
  /** Relation field key → linked form key. */
  readonly relationForms: ReadonlyMap<string, string>;
  /**
   * Validates an object of written values, one property per field (none required: `required`
   * is decided per submission). A table's formula columns accept anything: they are recomputed.
   */
  readonly validate: ValidateFunction;
}
