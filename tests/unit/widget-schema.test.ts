/**
 * An unsaved widget's shape is checked against the bundle schema's widget definition alone (a
 * fraction of the whole schema to compile, which a first preview in a fresh process waits for),
 * and says exactly what the whole bundle's validation says about the same widget.
 */
import { describe, expect, it } from 'vitest';
import { validateBundle, validateWidget } from '../../engine/index.js';
import { validBundle, type Loose } from './definition-test-kit.js';

const AT = '/dashboards/0/widgets/0';

/** The widget's problems as the whole bundle's validation finds them, at /widget/…. */
function throughTheBundle(bundle: Loose, widget: unknown): { path: string; code: string; message: string }[] {
  const probe = {
    ...bundle,
    dashboards: [{ key: 'widget_preview', name: { en: 'Preview', zh: '预览' }, widgets: [widget] }],
  };
  return validateBundle(probe).flatMap((p) =>
    p.path === AT || p.path.startsWith(`${AT}/`) ? [{ ...p, path: `/widget${p.path.slice(AT.length)}` }] : [],
  );
}

const base = { key: 'draft_widget', type: 'bar', form: 'repair', measures: [{ op: 'count' }] };

const widgets: [string, unknown][] = [
  ['a valid widget', { ...base, dimensions: [{ field: 'paid_at', bucket: 'month' }] }],
  ['an unknown type', { ...base, type: 'radar' }],
  ['missing measures', { key: 'w', type: 'pie', form: 'repair' }],
  ['an unknown property', { ...base, colour: 'red' }],
  ['a bad key', { ...base, key: 'Not A Key' }],
  [
    'a bad bucket and a measure op',
    { ...base, dimensions: [{ field: 'fault', bucket: 'hour' }], measures: [{ op: 'median' }] },
  ],
  ['a title too long', { ...base, title: { en: 'x'.repeat(201) } }],
  ['a bad colour and limit', { ...base, colors: ['red'], limit: 0 }],
  [
    'a bad field reference',
    { ...base, dimensions: [{ field: 'gone' }], filter: { '==': [{ var: 'nowhere' }, 1] } },
  ],
  ['not an object', 'bar'],
];

describe('an unsaved widget is checked against the widget schema alone', () => {
  it.each(widgets)('finds what the whole bundle finds: %s', (_name, widget) => {
    const expected = throughTheBundle(validBundle(), widget);
    expect(validateWidget(validBundle(), widget)).toEqual(expected);
  });

  it('finds problems where there are some', () => {
    expect(validateWidget(validBundle(), widgets[0]![1])).toEqual([]);
    for (const [, widget] of widgets.slice(1))
      expect(validateWidget(validBundle(), widget).length).toBeGreaterThan(0);
  });
});
