/**
 * The designer's property panels cover the definition format: every property a node kind, field
 * type or widget type accepts (its schema fragment) is on its panel, every widget option is on the
 * panel of the types that read it, nothing on a panel is outside the format, and what the format
 * requires the panel marks required.
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

  it("of widget types edit the type's own options and only options of the format", () => {
    // The format has one widget object for every type, so it holds the union of their options;
    // each panel offers the ones its type reads (a key figure no dimensions or sort, a process
    // widget a flow rather than measures).
    const widget = (bundleSchema().$defs as Record<string, SchemaFragment>).widget!;
    const options = Object.keys(widget.properties).filter((k) => k !== 'type');
    const offered = new Set<string>();
    for (const module of widgetTypeModules()) {
      const type = module.description.type;
      const panel = [...COMMON_WIDGET_PROPERTIES, ...module.properties];
      const edits = edited(panel);
      edits.forEach((k) => offered.add(k));
      expect(options, type).toEqual(expect.arrayContaining(edits));
      expect(edits, type).toEqual(expect.arrayContaining(Object.keys(module.definitionSchema.properties)));
      for (const required of [...(widget.required ?? []), ...(module.definitionSchema.required ?? [])])
        if (required !== 'type')
          expect(panel.find((p) => p.path === `/${required}`)?.required, `${type} ${required}`).toBe(true);
    }
    expect([...offered].sort()).toEqual([...options].sort());
    const kpi = widgetTypeModules().find((m) => m.description.type === 'kpi')!;
    expect(edited([...COMMON_WIDGET_PROPERTIES, ...kpi.properties])).not.toContain('dimensions');
    for (const module of widgetTypeModules().filter((m) => m.reads === 'flow'))
      expect(edited(module.properties), module.description.type).not.toContain('measures');
  });
});
