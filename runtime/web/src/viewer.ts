/**
 * Who the signed-in person is to an app: a customer (every app role they hold is a customer role)
 * or staff. The server decides what each may read; the pages use this only to leave out what a
 * customer has no use for (the staff directory, internal notes).
 */
import type { AppView } from './types.js';

export function isCustomerIn(app: Pick<AppView, 'roles'>, roles: readonly string[]): boolean {
  if (roles.includes('admin')) return false;
  const appRoles = roles.filter((r) => app.roles.some((a) => a.key === r));
  return (
    appRoles.length > 0 && appRoles.every((r) => app.roles.some((a) => a.key === r && a.customer === true))
  );
}
