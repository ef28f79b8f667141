/**
 * An app's published versions and the differences between them
 * (runtime/http/routes/apps/version-routes.ts): which versions still have open cases, and what
 * changed from one to another, node by node and field by field.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Nullable, StringEnum } from './schema-kit.js';

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

const Verdict = StringEnum(['moves', 'needs_mapping', 'changes_meaning']);

/** `POST /apps/{app}/migrations`. */
export const MigrationRequest = Type.Object(
  {
    from: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The version the cases run on' }),
    to: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The version to move them to' }),
    mapping: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
        Type.Record(
          Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
          Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
          {
            maxProperties: 500,
          },
        ),
        { description: 'Per flow: old node → node of the new version', maxProperties: 100 },
      ),
    ),
    dryRun: Type.Boolean({
      description: 'true: only the plan, nothing moves; false: move every instance the plan allows',
    }),
    acceptMeaningChanges: Type.Optional(
      Type.Boolean({
        description:
          'With dryRun false: move the groups whose step changes meaning (verdict changes_meaning) too; without it they stay on from',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MigrationRequest = Static<typeof MigrationRequest>;

export const MigrationPlan = Type.Object({
  app: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  dryRun: Type.Boolean(),
  totals: Type.Object({
    moves: Type.Integer(),
    needs_mapping: Type.Integer(),
    changes_meaning: Type.Integer(),
  }),
  groups: Type.Array(
    Type.Object({
      flow: Type.String(),
      nodes: Type.Array(Type.String(), { description: 'The old nodes the instances stand at' }),
      targets: Type.Array(Nullable('string'), { description: 'Where each lands; null: gone, map it' }),
      verdict: Verdict,
      reasons: Type.Array(
        Type.Object({
          node: Type.String(),
          to: Type.Optional(Type.String()),
          code: StringEnum([
            'flow_gone',
            'node_gone',
            'mapped_to_missing',
            'type',
            'assignee',
            'permissions',
            'required_fields',
            'timer',
          ]),
          properties: Type.Optional(Type.Array(Type.String())),
        }),
      ),
      count: Type.Integer(),
      samples: Type.Array(
        Type.Object({ id: Type.String(), recordId: Type.String(), title: Type.Optional(Type.String()) }),
      ),
    }),
  ),
});
export type MigrationPlan = Static<typeof MigrationPlan>;

/** The flows of version `to` with their steps: what a mapping may name. */
export const TargetFlows = Type.Array(
  Type.Object({
    key: Type.String(),
    nodes: Type.Array(
      Type.Object({
        key: Type.String(),
        type: Type.String(),
        name: Type.Optional(Type.Unknown({ description: 'The step name as the definition gives it' })),
      }),
    ),
  }),
);

const Failure = Type.Object({
  instance: Type.String(),
  recordId: Type.String(),
  code: Type.String(),
  message: Type.String(),
  path: Type.Optional(Type.String()),
});

/** What an applied migration did (`dryRun: false`, or a rollback that moves the cases). */
export const MigrationOutcome = Type.Object({
  migration: Type.String({ description: 'The run, as GET /apps/{app}/migrations lists it' }),
  kind: StringEnum(['migrate', 'rollback']),
  moved: Type.Integer(),
  skipped: Type.Object({
    already: Type.Integer({ description: 'No longer open on from (moved by an earlier run, or ended)' }),
    needs_mapping: Type.Integer({ description: 'A node it stands at is gone and not mapped' }),
    not_accepted: Type.Integer({
      description: 'Its step changes meaning and acceptMeaningChanges was not set',
    }),
  }),
  failed: Type.Integer(),
  failures: Type.Array(Failure, {
    description: 'Each instance that could not move (it stays on from), and why',
  }),
});

/** `POST /apps/{app}/migrations`: the plan, and with `dryRun: false` what was done. */
export const MigrationAnswer = Type.Object({
  ...MigrationPlan.properties,
  targetFlows: TargetFlows,
  ...Type.Partial(MigrationOutcome).properties,
});
export type MigrationAnswer = Static<typeof MigrationAnswer>;

/** `GET /apps/{app}/migrations`: one run. */
export const MigrationRun = Type.Object({
  id: Type.String(),
  kind: StringEnum(['migrate', 'rollback']),
  from: Type.Integer(),
  to: Type.Integer(),
  mapping: AnyObject({ description: 'Per flow: old node → new node' }),
  acceptMeaningChanges: Type.Boolean(),
  startedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable('string'),
  status: StringEnum(['running', 'done', 'interrupted'], {
    description:
      'interrupted: stopped half-way (its server process is gone) with the counts it reached; applying the same migration again finishes it',
  }),
  finishedBy: Type.Optional(
    Type.Object(
      { id: Type.String(), startedAt: Type.String({ format: 'date-time' }) },
      { description: 'On an interrupted run: the later run of the same migration that finished it' },
    ),
  ),
  total: Type.Integer({ description: 'Open cases of from when it started' }),
  moved: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  failures: Type.Array(Failure),
});
export type MigrationRun = Static<typeof MigrationRun>;

/** `POST /apps/{app}/versions/{version}/republish`: optionally moving the current version's open cases. */
export const RepublishRequest = Type.Object(
  {
    migrate: Type.Optional(
      Type.Boolean({ description: 'Move the open cases of the current version onto the republished one' }),
    ),
    mapping: Type.Optional(MigrationRequest.properties.mapping),
    acceptMeaningChanges: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RepublishRequest = Static<typeof RepublishRequest>;
