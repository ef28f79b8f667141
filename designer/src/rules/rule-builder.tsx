/**
 * The visual rule builder (react-querybuilder) over a form's fields and its linked records'
 * fields: rows of field, comparison, value, in groups of "all of"/"any of", optionally negated.
 * Comparisons and value inputs follow the field type (a select's options as a picker, numbers,
 * dates, yes/no, empty/not empty); what it writes is JSON Logic with allowed operations only
 * (logic-query.ts). A rule it cannot show opens as JSON with a notice and is kept as it is.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  QueryBuilder,
  type Field,
  type RuleGroupType,
  type ValueSourceFullOptions,
} from 'react-querybuilder';
import type { FieldType } from '../../../engine/definition/types.js';
import { JsonView } from './json-view.js';
import {
  comparesFields,
  logicToQuery,
  operatorsFor,
  queryToLogic,
  UNARY_OPERATORS,
  type QueryGroup,
  type RuleOperator,
} from './logic-query.js';
import type { RuleField } from './rule-fields.js';
import { useRuleWords, type RuleWordKey } from './rule-words.js';
import './rules.css';

export type { RuleField } from './rule-fields.js';

const OPERATOR_WORDS: Record<RuleOperator, RuleWordKey> = {
  '=': 'opEq',
  '!=': 'opNe',
  '<': 'opLt',
  '<=': 'opLe',
  '>': 'opGt',
  '>=': 'opGe',
  in: 'opIn',
  notIn: 'opNotIn',
  contains: 'opContains',
  doesNotContain: 'opNotContains',
  between: 'opBetween',
  notBetween: 'opNotBetween',
  empty: 'opEmpty',
  notEmpty: 'opNotEmpty',
};

const NUMERIC: ReadonlySet<FieldType> = new Set(['number', 'integer', 'money', 'rating']);

function inputType(type: FieldType): string {
  if (NUMERIC.has(type)) return 'number';
  if (type === 'date') return 'date';
  if (type === 'datetime') return 'datetime-local';
  return 'text';
}

const EMPTY: QueryGroup = { combinator: 'and', rules: [] };

export function RuleBuilder({
  value,
  fields,
  onChange,
  testId,
}: {
  value: unknown;
  fields: RuleField[];
  onChange: (next: unknown) => void;
  testId?: string;
}) {
  const { t } = useRuleWords();
  // A table's columns are read per row, not by a rule of the record: they are not offered.
  // Callers rebuild the field list on every render; what the builder derives from it (and so the
  // query builder's own work over ~200 fields) is kept while the list says the same.
  const fieldsKey = JSON.stringify(fields);
  const usable = useMemo(
    () => fields.filter((f) => !f.table && operatorsFor(f.type).length > 0),
    [fieldsKey],
  );
  const initial = useMemo(() => logicToQuery(value, usable), []);
  const [mode, setMode] = useState<'visual' | 'json'>(initial ? 'visual' : 'json');
  const [notShown, setNotShown] = useState(!initial);
  const [query, setQuery] = useState<QueryGroup>(initial ?? EMPTY);
  const mine = useRef(JSON.stringify(value ?? null));

  useEffect(() => {
    // A change from elsewhere (undo, the JSON view): shown again, or as JSON if it cannot be.
    const now = JSON.stringify(value ?? null);
    if (now === mine.current) return;
    mine.current = now;
    const next = logicToQuery(value, usable);
    if (next) {
      setQuery(next);
      setNotShown(false);
    } else {
      setMode('json');
      setNotShown(true);
    }
  }, [value, usable]);

  // Compared with a typed value or with another field's (numbers and dates), in the page's words.
  const sources = useMemo<ValueSourceFullOptions>(
    () => [
      { name: 'value', value: 'value', label: t('ruleSourceValue') },
      { name: 'field', value: 'field', label: t('ruleSourceField') },
    ],
    [t],
  );
  const rqbFields = useMemo<Field[]>(
    () =>
      usable.map((f) => {
        const values =
          f.type === 'boolean'
            ? [
                { name: 'true', value: 'true', label: t('ruleYes') },
                { name: 'false', value: 'false', label: t('ruleNo') },
              ]
            : (f.options ?? []).map((o) => ({ name: o.value, value: o.value, label: o.label }));
        const picks = f.type === 'select' || f.type === 'multiselect' || f.type === 'boolean';
        const sameKind = (other: Field) =>
          other.name !== f.name &&
          usable.some((u) => u.name === other.name && NUMERIC.has(u.type) === NUMERIC.has(f.type));
        return {
          name: f.name,
          value: f.name,
          label: f.label,
          operators: operatorsFor(f.type).map((op) => ({
            name: op,
            value: op,
            label: t(OPERATOR_WORDS[op]),
            ...(UNARY_OPERATORS.has(op) ? { arity: 'unary' as const } : {}),
          })),
          valueEditorType: (operator: string) =>
            picks ? (operator === 'in' || operator === 'notIn' ? 'multiselect' : 'select') : 'text',
          inputType: inputType(f.type),
          ...(picks ? { values, defaultValue: values[0]?.name ?? '' } : {}),
          ...(comparesFields(f.type) ? { valueSources: sources, comparator: sameKind } : {}),
        } satisfies Field;
      }),
    [usable, t, sources],
  );

  const emit = (next: unknown) => {
    const now = JSON.stringify(next ?? null);
    if (now === mine.current) return;
    mine.current = now;
    onChange(next);
  };

  const toVisual = () => {
    const next = logicToQuery(value, usable);
    if (!next) return setNotShown(true);
    setQuery(next);
    setNotShown(false);
    setMode('visual');
  };

  return (
    <div className="rule-builder-box" data-testid={testId}>
      <div className="rule-modes" role="group">
        <button
          type="button"
          className="quiet"
          aria-pressed={mode === 'visual'}
          onClick={toVisual}
          data-testid={testId && `${testId}-visual`}
        >
          {t('ruleVisual')}
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
      {notShown && (
        <p className="rule-notice" role="status" data-testid={testId && `${testId}-not-shown`}>
          {t('ruleNotShown')}
        </p>
      )}
      {mode === 'json' ? (
        <JsonView value={value} onChange={emit} label={t('ruleJson')} testId={testId && `${testId}-text`} />
      ) : (
        <>
          {query.rules.length === 0 && <p className="muted rule-empty">{t('ruleEmpty')}</p>}
          <QueryBuilder
            fields={rqbFields}
            query={query as RuleGroupType}
            onQueryChange={(q) => {
              setQuery(q as QueryGroup);
              emit(queryToLogic(q as QueryGroup, usable));
            }}
            combinators={[
              { name: 'and', value: 'and', label: t('ruleAnd') },
              { name: 'or', value: 'or', label: t('ruleOr') },
            ]}
            translations={{
              addRule: { label: `+ ${t('ruleAddCondition')}`, title: t('ruleAddCondition') },
              addGroup: { label: `+ ${t('ruleAddGroup')}`, title: t('ruleAddGroup') },
              removeRule: { label: '×', title: t('ruleRemove') },
              removeGroup: { label: '×', title: t('ruleRemove') },
              notToggle: { label: t('ruleNot'), title: t('ruleNot') },
              fields: { title: t('ruleField') },
              operators: { title: t('ruleOperator') },
              value: { title: t('ruleValue') },
              valueSourceSelector: { title: t('ruleValueSource') },
            }}
            getValueSources={(field) => {
              const f = usable.find((u) => u.name === field);
              return f && comparesFields(f.type) ? sources : [sources[0]];
            }}
            showNotToggle
            listsAsArrays
            resetOnOperatorChange
            controlClassnames={{ queryBuilder: 'rule-builder' }}
          />
        </>
      )}
    </div>
  );
}
