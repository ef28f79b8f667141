/**
 * Everything a designer needs to generate its palettes and property panels, in one plain JSON
 * value: every registered node kind, field type and widget type with its description and property
 * list, and the properties every node, field and widget shares. Built from the registries each
 * time, so kinds registered at run time are in it.
 */
import {
  COMMON_WIDGET_PROPERTIES,
  describeWidgetTypes,
  widgetTypeModules,
} from '../dashboard/widgets/registry.js';
import type { WidgetTypeDescription } from '../dashboard/widgets/widget-type.js';
import type { KindDescription } from '../flow/kinds/node-kind.js';
import { COMMON_NODE_PROPERTIES, nodeKinds } from '../flow/kinds/registry.js';
import type { FieldTypeDescription } from '../form/fields/field-type.js';
import { COMMON_FIELD_PROPERTIES, describeFieldTypes } from '../form/fields/registry.js';
import type { PropertySpec } from './property-list.js';

export interface KindCatalogue {
  nodes: {
    common: readonly PropertySpec[];
    kinds: (KindDescription & { type: string; properties: readonly PropertySpec[] })[];
  };
  fields: { common: readonly PropertySpec[]; types: FieldTypeDescription[] };
  widgets: {
    common: readonly PropertySpec[];
    types: (WidgetTypeDescription & { properties: readonly PropertySpec[] })[];
  };
}

export function kindCatalogue(): KindCatalogue {
  const widgetProperties = new Map(widgetTypeModules().map((w) => [w.description.type, w.properties]));
  return {
    nodes: {
      common: COMMON_NODE_PROPERTIES,
      kinds: nodeKinds().map((kind) => ({
        type: kind.type,
        ...kind.description,
        properties: kind.properties,
      })),
    },
    fields: { common: COMMON_FIELD_PROPERTIES, types: describeFieldTypes() },
    widgets: {
      common: COMMON_WIDGET_PROPERTIES,
      types: describeWidgetTypes().map((d) => ({ ...d, properties: widgetProperties.get(d.type) ?? [] })),
    },
  };
}
