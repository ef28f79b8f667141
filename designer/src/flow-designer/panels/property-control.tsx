/**
 * One property of a node, its input chosen by the control kind its kind's property list gives
 * (engine/definition/property-list.ts). Reference controls pick among what the bundle defines;
 * `list` repeats its item properties (a branch's conditional paths).
 */
import type { PropertySpec } from '../../../../engine/definition/property-list.js';
import type { AssigneeRule } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { AssigneeEditor } from './assignee-editor.js';
import { DurationInput } from './duration-input.js';
import { FieldMapping, GenericMapping } from './mapping-editor.js';
import { earlierTasks, readAt } from './node-paths.js';
import { formOf, usePanel } from './panel-context.js';
import { RuleControl } from './rule-control.js';
import {
  BooleanControl,
  ChecksControl,
  fieldChoices,
  JsonControl,
  LocalizedControl,
  NumberControl,
  SelectControl,
  TextControl,
  useNodeChoices,
} from './simple-controls.js';
import { TemplateEditor } from './template-editor.js';
import { webhookWarnings } from './webhook-check.js';
import { usePanelWords } from './words.js';

export interface ControlProps {
  spec: PropertySpec;
  /** The control's id: the node's bundle pointer plus the property's path (what `focusPath` names). */
  id: string;
  value: unknown;
  onChange: (next: unknown, typing?: boolean) => void;
  /** The object the property belongs to (the node, or a list item), for `formFrom`. */
  holder: unknown;
}

/** The form whose fields a `field`/`fields`/`mapping` control offers. */
function useFormFor(spec: PropertySpec, holder: unknown) {
  const { bundle, form } = usePanel();
  if (!spec.formFrom) return form;
  const named = readAt(holder, `/${spec.formFrom}`);
  if (typeof named !== 'string') return undefined;
  if (spec.formFrom === 'flow') return formOf(bundle, bundle.flows.find((f) => f.key === named)?.form);
  return formOf(bundle, named);
}

export function PropertyControl({ spec, id, value, onChange, holder }: ControlProps) {
  const { t } = usePanelWords();
  const { bundle, flow, nodeId, lang } = usePanel();
  const label = loc(spec.label, lang);
  const targetForm = useFormFor(spec, holder);
  const nodes = useNodeChoices(spec.control === 'node' || spec.control === 'nodes' ? undefined : []);
  // Walked only for the control that offers them: every control of a node's panel renders after each edit.
  const earlier = useNodeChoices(spec.key === 'returnTo' ? earlierTasks(flow, nodeId) : []);
  const common = { id, label, value, onChange };
  switch (spec.control) {
    case 'text':
    case 'key':
    case 'pattern':
    case 'outcome':
      return <TextControl {...common} />;
    case 'textarea':
      return <TextControl {...common} multiline />;
    case 'url': {
      const warnings = webhookWarnings(typeof value === 'string' ? value : '');
      return (
        <>
          <TextControl {...common} placeholder="https://" />
          {warnings.map((w) => (
            <p
              key={w.code}
              className={w.level === 'error' ? 'fp-error' : 'fp-warning'}
              data-testid={`webhook-${w.code}`}
            >
              {t(`webhook_${w.code}`)}
            </p>
          ))}
          <p className="fp-warning" data-testid="webhook-allow-list">
            {t('webhookAllowList')}
          </p>
        </>
      );
    }
    case 'localized':
      return <LocalizedControl {...common} />;
    case 'number':
      return <NumberControl {...common} />;
    case 'integer':
      return <NumberControl {...common} integer />;
    case 'boolean':
      return <BooleanControl {...common} />;
    case 'select':
      return (
        <SelectControl
          {...common}
          required={spec.required}
          options={(spec.choices ?? []).map((c) => ({ value: c.value, label: loc(c.label, lang) }))}
          testId={`prop-${spec.key}`}
        />
      );
    case 'multiselect':
      return (
        <ChecksControl
          {...common}
          value={value ?? spec.default}
          options={(spec.choices ?? []).map((c) => ({ value: c.value, label: loc(c.label, lang) }))}
        />
      );
    case 'duration':
      return <DurationInput {...common} />;
    case 'rule':
      return (
        <RuleControl
          {...common}
          testId={`rule-${id.split('/').slice(4).join('-')}`}
          condition={spec.key === 'when'}
        />
      );
    case 'template':
      return <TemplateEditor {...common} name={spec.key} mode={spec.key === 'body' ? 'json' : 'localized'} />;
    case 'role':
      return (
        <SelectControl
          {...common}
          required={spec.required}
          options={bundle.roles.map((r) => ({ value: r.key, label: `${loc(r.name, lang)} (${r.key})` }))}
        />
      );
    case 'roles':
      return (
        <ChecksControl
          {...common}
          options={bundle.roles.map((r) => ({ value: r.key, label: `${loc(r.name, lang)} (${r.key})` }))}
        />
      );
    case 'user':
    case 'assignees':
      return (
        <AssigneeEditor
          {...common}
          single={spec.path === '/assignee'}
          fieldTypes={spec.fieldTypes}
          onChange={(next: AssigneeRule[] | AssigneeRule | undefined) => onChange(next)}
        />
      );
    case 'field':
      return (
        <SelectControl
          {...common}
          required={spec.required}
          options={fieldChoices(targetForm?.fields ?? [], lang, spec.fieldTypes)}
        />
      );
    case 'fields':
      return (
        <ChecksControl {...common} options={fieldChoices(targetForm?.fields ?? [], lang, spec.fieldTypes)} />
      );
    case 'form':
      return (
        <SelectControl
          {...common}
          required={spec.required}
          options={bundle.forms.map((f) => ({ value: f.key, label: `${loc(f.name, lang)} (${f.key})` }))}
        />
      );
    case 'flow':
      return (
        <SelectControl
          {...common}
          required={spec.required}
          options={bundle.flows.map((f) => ({ value: f.key, label: `${loc(f.name, lang)} (${f.key})` }))}
        />
      );
    case 'node':
      return (
        <SelectControl {...common} required={spec.required} options={nodes} testId={`prop-${spec.key}`} />
      );
    case 'nodes':
      return spec.key === 'returnTo' ? (
        <>
          <ChecksControl {...common} options={earlier} />
          <p className="fp-muted small">{t('returnToHelp')}</p>
        </>
      ) : (
        <ChecksControl {...common} options={nodes} />
      );
    case 'strings':
      if (spec.key === 'related')
        return (
          <ChecksControl
            {...common}
            options={(targetForm?.relatedLists ?? []).map((r) => ({
              value: r.key,
              label: `${loc(r.label, lang)} (${r.key})`,
            }))}
          />
        );
      return (
        <TextControl
          {...common}
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(text, typing) =>
            onChange(
              String(text)
                .split(/[,，]/)
                .map((s) => s.trim())
                .filter(Boolean),
              typing,
            )
          }
        />
      );
    case 'mapping':
      return spec.mapKey === 'field' ? (
        <FieldMapping {...common} targetFields={targetForm?.fields} />
      ) : (
        <GenericMapping {...common} spec={spec} />
      );
    case 'list':
      return <ListControl {...common} spec={spec} holder={holder} />;
    default:
      return <JsonControl {...common} />;
  }
}

/** A list of items, each with the item properties (a branch's conditions and where each leads). */
function ListControl({ spec, id, value, onChange }: ControlProps) {
  const { t, lang } = usePanelWords();
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const item = (i: number, next: Record<string, unknown>, typing?: boolean) =>
    onChange(
      items.map((it, j) => (j === i ? next : it)),
      typing,
    );
  return (
    <div className="fp-list" id={id} tabIndex={-1}>
      {items.map((it, i) => (
        <fieldset key={i} className="fp-list-item" data-testid={`${spec.key}-${i}`}>
          <legend>
            {spec.key === 'cases' ? t('caseN', { n: i + 1 }) : t('listItem', { n: i + 1 })}
            {i > 0 && (
              <button
                type="button"
                className="fp-link"
                onClick={() =>
                  onChange(items.map((x, j) => (j === i - 1 ? items[i]! : j === i ? items[i - 1]! : x)))
                }
              >
                {t('moveUp')}
              </button>
            )}
            <button
              type="button"
              className="fp-link"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              {t('remove')}
            </button>
          </legend>
          {(spec.items ?? []).map((sub) => (
            <div key={sub.path} className="fp-row">
              <label htmlFor={`${id}/${i}${sub.path}`}>{loc(sub.label, lang)}</label>
              <PropertyControl
                spec={sub}
                id={`${id}/${i}${sub.path}`}
                holder={it}
                value={readAt(it, sub.path)}
                onChange={(v, typing) => {
                  const next = { ...it };
                  const key = sub.path.slice(1);
                  if (v === undefined) delete next[key];
                  else next[key] = v;
                  item(i, next, typing);
                }}
              />
            </div>
          ))}
        </fieldset>
      ))}
      <button
        type="button"
        className="fp-add"
        data-testid={`${spec.key}-add`}
        onClick={() => onChange([...items, {}])}
      >
        + {spec.key === 'cases' ? t('addCase') : t('add')}
      </button>
    </div>
  );
}
