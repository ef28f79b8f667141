/**
 * The selected widget's properties, generated from its type's property list (the engine's widget
 * registry: `widgetProperties`): the data form, dimensions with their date buckets, measures, the
 * filter in the visual rule builder, the zh/en title (a process widget: its flow), the order and
 * top N, colours, each figure's decimals and unit, click-through. Each control writes the widget
 * by the property's JSON pointer; typing in one control is one undo step.
 */
import type { PropertySpec } from '../../../engine/definition/property-list.js';
import type {
  AppBundle,
  DashboardWidgetDef,
  FormDef,
  LocalizedText,
} from '../../../engine/definition/types.js';
import { widgetProperties } from '../../../engine/dashboard/index.js';
import { loc, type Lang } from '../../../ui/i18n.js';
import { colourAt } from '../../../ui/widgets/chart-config.js';
import { readAt, writeAt } from '../flow-designer/panels/node-paths.js';
import { RuleBuilder } from '../rules/rule-builder.js';
import { ruleFieldsOf } from '../rules/rule-fields.js';
import { useDashboardWords } from './words.js';

export type WidgetEdit = (recipe: (widget: DashboardWidgetDef) => void, merge?: string) => void;

interface ControlContext {
  bundle: AppBundle;
  widget: DashboardWidgetDef;
  lang: Lang;
  /** Test ids and element ids start with this (`prop-<path with dashes>`). */
  idOf(path: string): string;
}

function formOf(bundle: AppBundle, key: unknown): FormDef | undefined {
  return typeof key === 'string' ? bundle.forms.find((f) => f.key === key) : undefined;
}

function parts(value: unknown): { zh: string; en: string } {
  if (typeof value === 'string') return { zh: value, en: '' };
  const v = (value ?? {}) as { zh?: string; en?: string };
  return { zh: v.zh ?? '', en: v.en ?? '' };
}

function localized(p: { zh: string; en: string }): LocalizedText | undefined {
  if (!p.zh && !p.en) return undefined;
  return { ...(p.zh ? { zh: p.zh } : {}), ...(p.en ? { en: p.en } : {}) };
}

/** The choices of a picker control: the app's forms or flows, a form's fields, or the property's own. */
function pickerOptions(
  spec: PropertySpec,
  holder: unknown,
  ctx: ControlContext,
): { value: string; label: string }[] {
  const named = (items: { key: string; name?: LocalizedText; label?: LocalizedText }[]) =>
    items.map((i) => ({ value: i.key, label: loc(i.name ?? i.label, ctx.lang) || i.key }));
  if (spec.control === 'form') return named(ctx.bundle.forms);
  if (spec.control === 'flow') return named(ctx.bundle.flows);
  if (spec.control === 'field') {
    const form = formOf(ctx.bundle, readAt(spec.formFrom === 'form' ? ctx.widget : holder, '/form'));
    return named(form?.fields ?? []);
  }
  return (spec.choices ?? []).map((c) => ({ value: c.value, label: loc(c.label, ctx.lang) }));
}

function Control(props: {
  spec: PropertySpec;
  path: string;
  holder: unknown;
  value: unknown;
  ctx: ControlContext;
  set: (path: string, value: unknown, typing?: boolean) => void;
}) {
  const { spec, path, holder, value, ctx, set } = props;
  const { t } = useDashboardWords();
  const label = loc(spec.label, ctx.lang);
  const id = ctx.idOf(path);
  const help = spec.help ? <small className="muted">{loc(spec.help, ctx.lang)}</small> : null;
  switch (spec.control) {
    case 'key':
    case 'text':
      return (
        <label className="dd-prop">
          <span>{label}</span>
          <input
            id={id}
            data-testid={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(path, e.target.value, true)}
          />
          {help}
        </label>
      );
    case 'localized': {
      const p = parts(value);
      return (
        <fieldset className="dd-prop dd-localized">
          <legend>{label}</legend>
          <label>
            <span>{t('nameZh')}</span>
            <input
              data-testid={`${id}-zh`}
              value={p.zh}
              onChange={(e) => set(path, localized({ ...p, zh: e.target.value }), true)}
            />
          </label>
          <label>
            <span>{t('nameEn')}</span>
            <input
              data-testid={`${id}-en`}
              value={p.en}
              onChange={(e) => set(path, localized({ ...p, en: e.target.value }), true)}
            />
          </label>
        </fieldset>
      );
    }
    case 'form':
    case 'flow':
    case 'field':
    case 'select': {
      const options = pickerOptions(spec, holder, ctx);
      // A form or flow is always named; any other choice may be cleared (its default applies).
      const clearable = spec.control === 'field' || (spec.control === 'select' && !spec.required);
      return (
        <label className="dd-prop">
          <span>{label}</span>
          <select
            id={id}
            data-testid={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(path, clearable ? e.target.value || undefined : e.target.value)}
          >
            {clearable && <option value="">{t('none')}</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {spec.control !== 'form' && help}
        </label>
      );
    }
    case 'integer':
      return (
        <label className="dd-prop">
          <span>{label}</span>
          <input
            id={id}
            data-testid={id}
            type="number"
            step={1}
            inputMode="numeric"
            value={typeof value === 'number' ? value : ''}
            // Cleared: the property goes (its default applies); the schema checks the range.
            onChange={(e) =>
              set(path, e.target.value === '' ? undefined : Math.trunc(Number(e.target.value)), true)
            }
          />
          {help}
        </label>
      );
    case 'boolean': {
      // A property on by default is written only when turned off, and the other way round.
      const on = spec.default === true ? value !== false : value === true;
      return (
        <label className="dd-prop dd-check">
          <input
            id={id}
            data-testid={id}
            type="checkbox"
            checked={on}
            onChange={(e) =>
              set(path, e.target.checked === (spec.default === true) ? undefined : e.target.checked)
            }
          />
          <span>{label}</span>
          {help}
        </label>
      );
    }
    case 'colors': {
      const colours = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="dd-prop dd-colours" data-testid={id}>
          <legend>{label}</legend>
          {help}
          <div className="dd-colour-row">
            {colours.map((c, i) => (
              <span key={i} className="dd-colour">
                <input
                  type="color"
                  data-testid={`${id}-${i}`}
                  aria-label={t('colourN', { n: i + 1 })}
                  value={c}
                  onChange={(e) =>
                    set(
                      path,
                      colours.map((x, j) => (j === i ? e.target.value : x)),
                      true,
                    )
                  }
                />
                <button
                  type="button"
                  className="quiet"
                  data-testid={`${id}-${i}-remove`}
                  aria-label={`${t('remove')} ${t('colourN', { n: i + 1 })}`}
                  onClick={() =>
                    set(
                      path,
                      colours.filter((_, j) => j !== i),
                    )
                  }
                >
                  ×
                </button>
              </span>
            ))}
            <button
              type="button"
              data-testid={`${id}-add`}
              onClick={() => set(path, [...colours, colourAt(colours.length, undefined)])}
            >
              {t('addColour')}
            </button>
          </div>
        </fieldset>
      );
    }
    case 'rule': {
      const form = typeof ctx.widget.form === 'string' ? ctx.widget.form : '';
      return (
        <div className="dd-prop">
          <span>{label}</span>
          <RuleBuilder
            key={form}
            value={value}
            fields={ruleFieldsOf(ctx.bundle, form, ctx.lang)}
            onChange={(next) => set(path, next)}
            testId={id}
          />
          {help}
        </div>
      );
    }
    case 'list': {
      const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <fieldset className="dd-prop dd-list" data-testid={id}>
          <legend>{label}</legend>
          {help}
          {items.map((item, i) => (
            <div className="dd-list-item" key={i} data-testid={`${id}-${i}`}>
              {(spec.items ?? []).map((sub) => (
                <Control
                  key={sub.path}
                  spec={sub}
                  path={`${path}/${i}${sub.path}`}
                  holder={item}
                  value={readAt(item, sub.path)}
                  ctx={ctx}
                  set={set}
                />
              ))}
              <button
                type="button"
                className="quiet"
                data-testid={`${id}-${i}-remove`}
                onClick={() =>
                  set(
                    path,
                    items.filter((_, j) => j !== i),
                  )
                }
              >
                {t('remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid={`${id}-add`}
            onClick={() => {
              const first = (spec.items ?? []).find((s) => s.required && s.default !== undefined);
              const fresh: Record<string, unknown> = {};
              if (first) writeAt(fresh, first.path, first.default);
              set(path, [...items, fresh]);
            }}
          >
            {t('add')}
          </button>
        </fieldset>
      );
    }
    default:
      return null;
  }
}

export function WidgetPanel({
  bundle,
  widget,
  edit,
}: {
  bundle: AppBundle;
  widget: DashboardWidgetDef;
  edit: WidgetEdit;
}) {
  const { lang } = useDashboardWords();
  const specs = widgetProperties(widget.type);
  const ctx: ControlContext = {
    bundle,
    widget,
    lang,
    idOf: (path) => `prop${path.replace(/\//g, '-')}`,
  };
  const set = (path: string, value: unknown, typing?: boolean) =>
    edit((w) => writeAt(w as unknown as Record<string, unknown>, path, value), typing ? path : undefined);
  return (
    <div className="dd-panel" data-testid="widget-panel">
      {specs.map((spec) => (
        <Control
          key={spec.path}
          spec={spec}
          path={spec.path}
          holder={widget}
          value={readAt(widget, spec.path)}
          ctx={ctx}
          set={set}
        />
      ))}
    </div>
  );
}
