/**
 * The designer's drafts (runtime/http/routes/apps/design-routes.ts): a draft may be invalid while
 * it is worked on, so every answer carries its revision and every problem of the whole draft.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AppBundle, BundleLayout } from '../engine/definition/types.js';
import { AnyObject, Definition, Opaque, StringEnum } from './schema-kit.js';

/** One problem of a draft, by JSON path into the bundle. */
export const DraftProblem = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
  zh: Type.Optional(Type.String({ description: 'The message in Chinese, when there is one' })),
  severity: Type.Optional(StringEnum(['warning'])),
});
export type DraftProblem = Static<typeof DraftProblem>;

const state = {
  revision: Type.Integer({ description: 'The draft revision, to send in If-Match with the next save' }),
  problems: Type.Array(DraftProblem, {
    description: 'Every error of the whole draft; publishing refuses it while there is any',
  }),
  warnings: Type.Array(DraftProblem, { description: 'Worth fixing; block neither saving nor publishing' }),
};

/** `GET /apps/{app}/draft`. */
export const DraftView = Type.Object({ draft: Definition<AppBundle>(), ...state });
export type DraftView = Static<typeof DraftView>;

/** `PUT /apps/{app}/forms|flows|dashboards/{key}`: the saved definition and the draft's state. */
export const SavedDraftPart = Type.Object({
  definition: AnyObject({ description: 'The form, flow or dashboard as stored' }),
  ...state,
});
export type SavedDraftPart = Static<typeof SavedDraftPart>;

/** `DELETE /apps/{app}/forms|flows|dashboards|scenarios/{key}`: what was taken out and the draft's state. */
export const RemovedDraftPart = Type.Object({
  removed: Type.String({ description: 'The key of the form, flow, dashboard or scenario taken out' }),
  ...state,
});
export type RemovedDraftPart = Static<typeof RemovedDraftPart>;

/** `PUT /apps/{app}/draft/layout`. */
export const SavedDraftLayout = Type.Object({ layout: Definition<BundleLayout>(), ...state });
export type SavedDraftLayout = Static<typeof SavedDraftLayout>;

/** `PUT /apps/{app}/draft/roles`. */
export const SavedDraftRoles = Type.Object({
  roles: Type.Array(AnyObject({ description: 'A role as in the bundle: key, name, design?, customer?' })),
  ...state,
});
export type SavedDraftRoles = Static<typeof SavedDraftRoles>;

/** One change between two bundles (the engine's `diffBundles`). */
export const BundleChange = Type.Object({
  kind: StringEnum([
    'app',
    'role',
    'form',
    'field',
    'flow',
    'node',
    'transition',
    'dashboard',
    'widget',
    'layout',
  ]),
  change: StringEnum(['added', 'removed', 'changed']),
  path: Type.String({
    description: 'JSON pointer of the item in the draft (in the published bundle when removed)',
  }),
  key: Type.String({ description: "The item's key (a transition: the node it leaves)" }),
  form: Type.Optional(Type.String()),
  flow: Type.Optional(Type.String()),
  dashboard: Type.Optional(Type.String()),
  properties: Type.Optional(
    Type.Array(
      Type.Object({
        property: Type.String(),
        before: Type.Optional(Opaque<unknown>({ description: 'When small' })),
        after: Type.Optional(Opaque<unknown>({ description: 'When small' })),
      }),
    ),
  ),
  typeChange: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
  permissions: Type.Optional(
    AnyObject({
      description: 'visible/editable/required/backfill/actions: { added, removed }; assignee, cc: true',
    }),
  ),
  via: Type.Optional(Type.String({ description: 'Transitions: the property holding the reference' })),
  before: Type.Optional(
    Opaque<unknown>({ description: 'The item (removed) or target (transition), when small' }),
  ),
  after: Type.Optional(
    Opaque<unknown>({ description: 'The item (added) or target (transition), when small' }),
  ),
});
export type BundleChange = Static<typeof BundleChange>;

/** `GET /apps/{app}/draft/diff`: what publishing the draft would change. */
export const DraftDiff = Type.Object({
  version: Type.Integer({ description: 'The published version the draft is compared with' }),
  revision: state.revision,
  changes: Type.Array(BundleChange),
});
export type DraftDiff = Static<typeof DraftDiff>;
