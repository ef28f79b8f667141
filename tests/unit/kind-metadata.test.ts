/**
 * The designer's property panels cover the definition format: every property a node kind, field
 * type or widget type accepts (its schema fragment, and for widgets the options every widget has)
 * is on its panel, nothing on the panel is outside the format, and what the format requires the
 * panel marks required.
 */
import { describe, expect, it } from 'vitest';
import { COMMON_WIDGET_PROPERTIES, widgetTypeModules } from '../../engine/dashboard/index.js';
import { bundleSchema } from '../../engine/definition/bundle-schema.js';
import type { PropertySpec } from '../../engine/definition/property-list.js';
import type { SchemaFragment } from '../../engine/definition/schema-parts.js';
import { COMMON_NODE_PROPERTIES, nodeKinds } from '../../engine/flow/index.js';
import { COMMON_FIELD_PROPERTIES, fieldTypeModules } from '../../engine/form/index.js';

/** The top-level properties a panel edits (`/sla/due` edits `sla`). */
function edited(properties: readonly PropertySpec[]): string[] {
  return [...new Set(properties.map((p) => p.path.split('/')[1]!))].sort();
}

function expectCovers(schema: SchemaFragment, properties: readonly PropertySpec[]): void {
  expect(edited(properties)).toEqual(Object.keys(schema.properties).sort());
  for (const required of schema.required ?? [])
    expect(properties.find((p) => p.path === `/${required}`)?.required, required).toBe(true);
}

describe('property panels', () => {
  it("of node kinds edit exactly the kind's own properties, `name` being every node's", () => {
    for (const kind of nodeKinds()) expectCovers(kind.definitionSchema, kind.properties);
    expect(edited(COMMON_NODE_PROPERTIES)).toEqual(['name']);
  });

  it("of field types edit exactly the type's own options, beside every field's", () => {
    for (const module of fieldTypeModules())
      expectCovers(module.definitionSchema, module.description.properties);
    expect(edited(COMMON_FIELD_PROPERTIES)).toEqual(
      [
        'default',
        'formula',
        'help',
        'key',
        'label',
        'readonly',
        'required',
        'validations',
        'visibleIf',
      ].sort(),
    );
  });

  it('of widget types edit every option a widget of the type takes', () => {
    const widget = (bundleSchema().$defs as Record<string, SchemaFragment>).widget!;
    const shared = Object.keys(widget.properties).filter((k) => k !== 'type');
    for (const module of widgetTypeModules()) {
      const panel = [...COMMON_WIDGET_PROPERTIES, ...module.properties];
      expect(edited(panel), module.description.type).toEqual(
        [...new Set([...shared, ...Object.keys(module.definitionSchema.properties)])]
          .filter((k) => module.description.type !== 'kpi' || k !== 'dimensions')
          .sort(),
      );
      for (const required of widget.required ?? [])
        if (required !== 'type') expect(panel.find((p) => p.path === `/${required}`)?.required).toBe(true);
    }
  });
});
