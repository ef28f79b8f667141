import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
import { MAX_LAYOUT_CHARS } from '../../engine/definition/layout-checks.js';
import { found, validBundle } from './definition-test-kit.js';

describe('validateBundle: the designer layout section', () => {
  it('accepts node positions per flow and sections per form, and is optional', () => {
    const bundle = validBundle();
    expect(validateBundle(bundle)).toEqual([]);
    bundle.layout = {
      flows: {
        repair_flow: {
          nodes: { triage: { x: 120, y: 40 }, quote: { x: 120, y: 400 } },
          viewport: { zoom: 0.8, x: 0, y: -20 },
        },
      },
      forms: {
        customer: {
          sections: [{ title: { zh: '基本信息', en: 'Basics' }, columns: 2, fields: ['name', 'phone'] }],
        },
      },
      dashboards: { overview: { grid: [{ widget: 'count', w: 6, h: 3 }] } },
    };
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('names an unknown section, a non-object entry and a bad key by path', () => {
    const bundle = validBundle();
    bundle.layout = { canvas: {}, flows: { repair_flow: 3, Bad: {} } };
    expect(found(bundle)).toEqual([
      { path: '/layout/canvas', code: 'schema.unknown_property' },
      { path: '/layout/flows/Bad', code: 'key.invalid' },
      { path: '/layout/flows/repair_flow', code: 'schema.type' },
    ]);
  });

  it('bounds the depth below an entry', () => {
    const bundle = validBundle();
    let deep: unknown = 1;
    for (let i = 0; i < 7; i++) deep = { d: deep };
    bundle.layout = { forms: { customer: { ok: { d: { d: 1 } }, deep } } };
    const problems = found(bundle);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path.startsWith('/layout/forms/customer/deep/d/d/d/d/d'))).toBe(true);
  });

  it('bounds the size of the whole section', () => {
    const bundle = validBundle();
    const nodes: Record<string, { note: string }> = {};
    for (let i = 0; i < 200; i++) nodes[`n${i}`] = { note: 'x'.repeat(1500) };
    bundle.layout = { flows: { a: { nodes }, b: { nodes } } };
    expect(JSON.stringify(bundle.layout).length).toBeGreaterThan(MAX_LAYOUT_CHARS);
    expect(found(bundle)).toEqual([{ path: '/layout', code: 'layout.too_large' }]);
  });
});
