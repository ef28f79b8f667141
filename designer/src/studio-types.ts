/**
 * The shapes the designer reads from the admin console and studio routes, declared once in
 * contract/studio.ts; the draft diff's change as the versions page shows it.
 */
export type {
  AdminUser,
  RoleInApp,
  RoleInfo,
  StudioApp,
  StudioVersion,
  TemplateInfo,
} from '../../contract/index.js';

/** One change `GET /apps/:app/draft/diff` names (engine/definition/diff-bundles.ts). */
export interface DraftChange {
  kind: string;
  path: string;
  change: string;
}
