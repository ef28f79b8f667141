/**
 * An app's published versions and the differences between them
 * (runtime/http/routes/apps/version-routes.ts): which versions still have open cases, and what
 * changed from one to another, node by node and field by field.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, StringEnum } from './schema-kit.js';

/** `GET /apps/{app}/versions`: one published version. */
export const VersionEntry = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
  current: Type.Boolean({ description: 'The version new cases start on' }),
  openInstances: Type.Integer({ description: 'Cases still open on this version' }),
});
export type VersionEntry = Static<typeof VersionEntry>;

export const VersionList = Type.Array(VersionEntry, { description: 'Newest first' });

const Change = AnyObject({
  description:
    "One change as the engine's diffBundles gives it: kind (app, role, form, field, flow, node, transition, dashboard, widget, layout), change (added, removed, changed), path, key, form/flow/dashboard, properties [{ property, before?, after? }], typeChange, permissions, via, before/after when small",
});

/** `GET /apps/{app}/versions/{a}/diff/{b}`. */
export const VersionDiff = Type.Object({
  app: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(Change, { description: 'Every change, flat' }),
  groups: Type.Array(
    Type.Object({
      kind: StringEnum(['app', 'form', 'flow', 'dashboard']),
      key: Type.String(),
      change: Type.Optional(StringEnum(['added', 'removed', 'changed'])),
      changes: Type.Array(Change, {
        description: 'Its own change and those of its fields, nodes, transitions or widgets',
      }),
    }),
    { description: 'The same changes grouped by the form, flow or dashboard they belong to' },
  ),
});
export type VersionDiff = Static<typeof VersionDiff>;
