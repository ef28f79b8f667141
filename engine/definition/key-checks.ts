/**
 * Unique keys: roles, forms, flows and dashboards within the bundle; fields within a form and
 * columns within a table; related lists within a form; widgets within a dashboard; option values
 * within a select. The first use
 * of a key wins and every later one is a problem at its own `key`.
 */
import type { Problem } from '../errors.js';
import { pointer } from '../errors.js';
import { list, own, stringAt } from './bundle-reader.js';

function checkUnique(
  items: unknown,
  basePath: string,
  property: string,
  what: string,
  problems: Problem[],
): void {
  const first = new Map<string, string>();
  list(items).forEach((item, i) => {
    const key = stringAt(item, property);
    if (key === undefined) return;
    const path = `${basePath}/${i}/${property}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, `${basePath}/${i}`);
      return;
    }
    problems.push({
      path,
      code: 'key.duplicate',
      message: `The ${what} "${key.slice(0, 63)}" is already used at ${earlier}.`,
    });
  });
}

function checkFields(fields: unknown, basePath: string, problems: Problem[]): void {
  checkUnique(fields, basePath, 'key', 'field key', problems);
  list(fields).forEach((field, i) => {
    const path = `${basePath}/${i}`;
    checkUnique(own(field, 'options'), `${path}/options`, 'value', 'option value', problems);
    if (own(field, 'columns') !== undefined) checkFields(own(field, 'columns'), `${path}/columns`, problems);
  });
}

export function checkKeys(bundle: unknown): Problem[] {
  const problems: Problem[] = [];
  checkUnique(own(bundle, 'roles'), '/roles', 'key', 'role key', problems);
  list(own(bundle, 'roles')).forEach((role, i) => {
    // `admin` is built in and holds every right; an app declaring it would hand that out.
    if (own(role, 'key') === 'admin')
      problems.push({
        path: pointer('roles', i, 'key'),
        code: 'key.reserved',
        message: 'The role key "admin" is reserved for administrators.',
      });
  });
  checkUnique(own(bundle, 'forms'), '/forms', 'key', 'form key', problems);
  checkUnique(own(bundle, 'flows'), '/flows', 'key', 'flow key', problems);
  checkUnique(own(bundle, 'dashboards'), '/dashboards', 'key', 'dashboard key', problems);
  list(own(bundle, 'forms')).forEach((form, i) => {
    checkFields(own(form, 'fields'), pointer('forms', i, 'fields'), problems);
    checkUnique(
      own(form, 'relatedLists'),
      pointer('forms', i, 'relatedLists'),
      'key',
      'related list key',
      problems,
    );
  });
  list(own(bundle, 'dashboards')).forEach((dashboard, i) =>
    checkUnique(
      own(dashboard, 'widgets'),
      pointer('dashboards', i, 'widgets'),
      'key',
      'widget key',
      problems,
    ),
  );
  return problems;
}
