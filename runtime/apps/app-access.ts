/**
 * Who may use and who may design an app. Roles are global keys: `admin` plus whatever installed
 * apps declare, so holding `technician` opens every app that declares `technician`.
 */
import type { AppBundle } from '../../engine/index.js';
import type { Actor } from '../cases/types.js';

export const ADMIN_ROLE = 'admin';

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes(ADMIN_ROLE);
}

/** Admins, and holders of any role the app declares. */
export function canUseApp(bundle: AppBundle, actor: Actor): boolean {
  return isAdmin(actor) || bundle.roles.some((r) => actor.roles.includes(r.key));
}

/** Admins, and holders of a role the app marks `design: true`. */
export function canDesignApp(bundle: AppBundle, actor: Actor): boolean {
  return isAdmin(actor) || bundle.roles.some((r) => r.design === true && actor.roles.includes(r.key));
}
