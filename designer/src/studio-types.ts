/**
 * The shapes the designer reads from the admin console and studio routes
 * (runtime/http/routes/users/user-admin-routes.ts, routes/studio, routes/templates). They move into
 * contract/ with the other HTTP shapes.
 */
import type { LocalizedText } from '../../engine/definition/types.js';

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  language: 'zh-CN' | 'en';
  disabled: boolean;
  createdAt: string;
}

export interface RoleInApp {
  app: string;
  appName: LocalizedText;
  name: LocalizedText;
  design: boolean;
  customer: boolean;
}

export interface RoleInfo {
  key: string;
  apps: RoleInApp[];
  holders: number;
}

export interface StudioApp {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  status: 'active' | 'archived';
  archivedAt?: string;
  version: number;
  publishedAt: string;
  versions: number;
  draftChanged: boolean;
  canDesign: boolean;
  roles: { key: string; name: LocalizedText; design: boolean; customer: boolean }[];
  counts: { forms: number; flows: number; dashboards: number };
}

export interface StudioVersion {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; displayName: string };
  current: boolean;
}

export interface TemplateInfo {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  screenshot?: string;
  contents: { forms: number; flows: number; dashboards: number; sampleRecords: Record<string, number> };
}

/** One change `GET /apps/:app/draft/diff` names (engine/definition/diff-bundles.ts). */
export interface DraftChange {
  kind: string;
  path: string;
  change: string;
}
