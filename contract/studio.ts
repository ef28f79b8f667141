/**
 * The admin console's and the app studio's answers (`/admin` and `/design` in the browser): accounts
 * with their state, roles with their holders, apps with status and versions, the template gallery.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Language, LocalizedText } from './common.js';
import { StringEnum } from './schema-kit.js';

/** `GET /users`: an account as the admin console lists it, the public user shape plus its state. */
export const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  language: Language,
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AdminUser = Static<typeof AdminUser>;

/** Where a role is declared: the app, both names, and whether it designs the app or is a customer role. */
export const RoleInApp = Type.Object({
  app: Type.String(),
  appName: LocalizedText,
  name: LocalizedText,
  design: Type.Boolean(),
  customer: Type.Boolean(),
});
export type RoleInApp = Static<typeof RoleInApp>;

/** `GET /roles`: every role key with the apps declaring it and how many accounts hold it. */
export const RoleInfo = Type.Object({
  key: Type.String(),
  apps: Type.Array(RoleInApp),
  holders: Type.Integer({ description: 'Accounts holding the role, disabled ones included' }),
});
export type RoleInfo = Static<typeof RoleInfo>;

/** `GET /studio/apps`: an app as the studio's card shows it. */
export const StudioApp = Type.Object({
  key: Type.String(),
  name: LocalizedText,
  description: Type.Optional(LocalizedText),
  status: StringEnum(['active', 'archived']),
  archivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  version: Type.Integer({ description: 'The current published version' }),
  publishedAt: Type.String({ format: 'date-time' }),
  versions: Type.Integer({ description: 'How many versions were published' }),
  draftChanged: Type.Boolean({ description: 'The draft has changes not yet published' }),
  canDesign: Type.Boolean(),
  roles: Type.Array(
    Type.Object({
      key: Type.String(),
      name: LocalizedText,
      design: Type.Boolean(),
      customer: Type.Boolean(),
    }),
  ),
  counts: Type.Object({ forms: Type.Integer(), flows: Type.Integer(), dashboards: Type.Integer() }),
});
export type StudioApp = Static<typeof StudioApp>;

/** `GET /studio/apps/{app}/versions`: one published version and who published it. */
export const StudioVersion = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
  current: Type.Boolean(),
});
export type StudioVersion = Static<typeof StudioVersion>;

/** `GET /templates`: a gallery entry and what installing it brings. */
export const TemplateInfo = Type.Object({
  key: Type.String(),
  name: LocalizedText,
  description: Type.Optional(LocalizedText),
  screenshot: Type.Optional(Type.String({ description: 'Where the gallery reads its picture (PNG)' })),
  contents: Type.Object({
    forms: Type.Integer(),
    flows: Type.Integer(),
    dashboards: Type.Integer(),
    sampleRecords: Type.Record(Type.String(), Type.Integer(), {
      description: 'Sample records installed with the app, per form key',
    }),
  }),
});
export type TemplateInfo = Static<typeof TemplateInfo>;
