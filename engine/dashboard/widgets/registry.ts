/**
 * Every widget type of a dashboard, by type. Adding a type is one new `<type>.widget.ts` file and
 * one line in `WIDGET_TYPES`; the bundle schema, the validator and the designer read the registry
 * (the runtime's `widget-compute.ts` computes the figures). `registerWidgetType` adds a type at run
 * time (tests, extensions); the shipped types are fixed when this module loads, and a type
 * registered twice throws.
 */
import { KindRegistry } from '../../definition/kind-registry.js';
import { prop, type PropertySpec } from '../../definition/property-list.js';
import type { WidgetType } from '../../definition/types.js';
import { barWidget } from './bar.widget.js';
import { bottleneckWidget } from './bottleneck.widget.js';
import { kpiWidget } from './kpi.widget.js';
import { lineWidget } from './line.widget.js';
import { nodeTimeWidget } from './node-time.widget.js';
import { pieWidget } from './pie.widget.js';
import { pivotWidget } from './pivot.widget.js';
import { slaBreachWidget } from './sla-breach.widget.js';
import { tableWidget } from './table.widget.js';
import { throughputWidget } from './throughput.widget.js';
import type { WidgetTypeDescription, WidgetTypeModule } from './widget-type.js';

/** The shipped types, in the order the palette and error messages list them. */
export const WIDGET_TYPES: Readonly<Record<WidgetType, WidgetTypeModule>> = Object.freeze({
  kpi: kpiWidget,
  bar: barWidget,
  line: lineWidget,
  pie: pieWidget,
  table: tableWidget,
  pivot: pivotWidget,
  node_time: nodeTimeWidget,
  sla_breach: slaBreachWidget,
  throughput: throughputWidget,
  bottleneck: bottleneckWidget,
});

const types = new KindRegistry<WidgetTypeModule>(
  'widget type',
  (module) => module.description.type,
  Object.values(WIDGET_TYPES),
);

/** Adds a widget type (tests, extensions); throws when its type is taken or is not a key. */
export function registerWidgetType(module: WidgetTypeModule): void {
  types.register(module);
}

/** The module of a type name, or undefined. */
export function widgetType(type: unknown): WidgetTypeModule | undefined {
  return types.get(type);
}

export function widgetTypeModules(): WidgetTypeModule[] {
  return types.all();
}

export function widgetTypeNames(): string[] {
  return types.types();
}

/** Properties every widget has, whatever its type. */
export const COMMON_WIDGET_PROPERTIES: readonly PropertySpec[] = Object.freeze([
  prop('/key', 'key', 'Key', '键', { required: true }),
  prop('/title', 'localized', 'Title', '标题'),
  prop('/form', 'form', 'Data from form', '数据来源表单', { required: true }),
  prop('/filter', 'rule', 'Only records where', '筛选条件', {
    help: { en: 'A rule over the form’s fields.', zh: '基于表单字段的规则。' },
  }),
]);

/**
 * What the property panel offers for a widget of `type`, in order: the common properties it uses
 * (a process widget reads no form, so has no form or filter), then the type's own.
 */
export function widgetProperties(type: unknown): PropertySpec[] {
  const module = widgetType(type);
  const common =
    module?.reads === 'flow'
      ? COMMON_WIDGET_PROPERTIES.filter((p) => p.path === '/key' || p.path === '/title')
      : COMMON_WIDGET_PROPERTIES;
  return [...common, ...(module?.properties ?? [])];
}

/** Serializable descriptions of every type, for the designer's palette. */
export function describeWidgetTypes(): WidgetTypeDescription[] {
  return types.all().map((t) => t.description);
}
