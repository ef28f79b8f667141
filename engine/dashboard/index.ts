/**
 * Dashboards' public face: the widget-type registry.
 */
export {
  COMMON_WIDGET_PROPERTIES,
  WIDGET_TYPES,
  describeWidgetTypes,
  registerWidgetType,
  widgetType,
  widgetTypeModules,
  widgetTypeNames,
  widgetProperties,
} from './widgets/registry.js';
export type { WidgetCheckContext, WidgetTypeDescription, WidgetTypeModule } from './widgets/widget-type.js';
export { validateWidget } from './validate-widget.js';
export { DATE_PRESETS, DATE_PRESET_LABELS, isDatePreset, presetRange } from './date-presets.js';
export type { DatePreset } from './date-presets.js';
