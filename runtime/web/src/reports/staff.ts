/** Who sees reports: admins and an app's staff (anyone holding one of its non-customer roles). */
import type { AppView, User } from '../types.js';

export function isStaffOf(app: AppView, user: User): boolean {
  if (user.roles.includes('admin')) return true;
  return app.roles.some((r) => !r.customer && user.roles.includes(r.key));
}
