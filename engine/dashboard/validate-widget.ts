/**
 * `validateWidget`: an unsaved widget checked exactly as a published bundle's widgets are (schema,
 * keys, form and field references against the field types, its filter rule, its type's own
 * checks), by validating the bundle's forms with the widget as its only dashboard's only widget. Problems
 * come back at `/widget/…`, so a preview request names the part of its body that is wrong.
 */
import type { Problem } from '../errors.js';
import type { AppBundle } from '../definition/types.js';
import { checkWidgetSchema } from '../definition/schema-validator.js';
import { validateBundleWith } from '../definition/validate-bundle.js';

const AT = '/dashboards/0/widgets/0';

export function validateWidget(bundle: AppBundle, widget: unknown, at = '/widget'): Problem[] {
  // A widget reads only the forms (and the roles its rule may name), or a process widget its one
  // flow: the other flows, dashboards and scenarios are left out, which makes the check about ten
  // times cheaper on a large app.
  const { scenarios: _scenarios, layout: _layout, sampleData: _sampleData, ...rest } = bundle;
  const flow =
    typeof widget === 'object' && widget !== null ? (widget as { flow?: unknown }).flow : undefined;
  const probe = {
    ...rest,
    flows: bundle.flows.filter((f) => f.key === flow),
    dashboards: [{ key: 'widget_preview', name: { en: 'Preview', zh: '预览' }, widgets: [widget] }],
  };
  // Only the widget's problems are kept, so only its shape is checked: the published forms passed
  // the whole schema when they were published, and compiling the whole schema in a fresh process
  // costs about a second that a widget's definitions alone do not.
  const shape = () => checkWidgetSchema(widget).map((p) => ({ ...p, path: AT + p.path }));
  return validateBundleWith(probe, shape).flatMap((p) => {
    if (p.path === AT || p.path.startsWith(`${AT}/`)) return [{ ...p, path: at + p.path.slice(AT.length) }];
    // The widget list itself (e.g. an unreadable widget) is the widget's problem too.
    if (p.path === '/dashboards/0/widgets') return [{ ...p, path: at }];
    return [];
  });
}

/** Compiles the widget schema now (about 100 ms), so the first `validateWidget` does not wait for it. */
export function prepareWidgetCheck(): void {
  checkWidgetSchema({});
}
