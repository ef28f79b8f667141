/**
 * Who may use and who may design an app. Roles are global keys: `admin` plus whatever installed
 * apps declare, so holding `technician` opens every app that declares `technician`.
 */
import type { AppBundle, DashboardDef } from '../../engine/index.js';
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

/**
 * A dashboard limited to some roles is for their holders, the app's admins and its designers
 * (who made it); one without roles is for everyone who uses the app.
 */
export function canSeeDashboard(bundle: AppBundle, dashboard: DashboardDef, actor: Actor): boolean {
  if (!dashboard.roles || dashboard.roles.length === 0) return true;
  return dashboard.roles.some((r) => actor.roles.includes(r)) || canDesignApp(bundle, actor);
}

/** The bundle with only the dashboards the actor may see, as the app list and app view show it. */
export function withVisibleDashboards(bundle: AppBundle, actor: Actor): AppBundle {
  const dashboards = bundle.dashboards.filter((d) => canSeeDashboard(bundle, d, actor));
  return dashboards.length === bundle.dashboards.length ? bundle : { ...bundle, dashboards };
}
