/** Installed apps as the app routes answer them; definitions pass through as the bundle holds them. */
import { Type, type Static } from '@sinclair/typebox';
import type { DashboardDef, FlowDef, FormDef, RoleDef } from '../engine/definition/types.js';
import { LocalizedText } from './common.js';
import { Definition } from './schema-kit.js';

const head = {
  key: Type.String(),
  name: LocalizedText,
  description: Type.Optional(LocalizedText),
  version: Type.Integer(),
  roles: Type.Array(Definition<RoleDef>()),
  canDesign: Type.Optional(Type.Boolean()),
};

const Named = Type.Object({ key: Type.String(), name: LocalizedText });

/** A role of an app as the apps read it: its name and whether it is a customer role. */
export type AppRole = Pick<RoleDef, 'key' | 'name' | 'customer'>;

/** `GET /apps`: each app the caller may use, its forms, flows and dashboards by name. */
export const AppSummary = Type.Object({
  ...head,
  forms: Type.Array(Named),
  flows: Type.Array(Type.Object({ ...Named.properties, form: Type.String() })),
  dashboards: Type.Array(Named),
});
export type AppSummary = Static<typeof AppSummary>;

/** `GET /apps/{app}`: the published definitions the apps render from. */
export const AppView = Type.Object({
  ...head,
  timeZone: Type.Optional(
    Type.String({
      description: "The server's IANA time zone: report periods and date buckets are its local dates",
    }),
  ),
  forms: Type.Array(Definition<FormDef>()),
  flows: Type.Array(Definition<FlowDef>()),
  dashboards: Type.Array(Definition<DashboardDef>()),
});
export type AppView = Static<typeof AppView>;

/** `POST /apps` (install): the app as installed and how many sample records came with it. */
export const InstalledApp = Type.Object({
  ...AppView.properties,
  sampleRecords: Type.Integer({ description: 'sampleData records inserted' }),
});
export type InstalledApp = Static<typeof InstalledApp>;
