/** The HTTP API's shapes: each is a TypeBox schema (JSON Schema for fastify and OpenAPI) and a type. */
export * from './common.js';
export * from './records.js';
export * from './inbox.js';
export * from './reports.js';
export * from './apps.js';
export * from './drafts.js';
export * from './studio.js';
export * from './versions.js';
// Definitions travel as the engine declares them (its validator is their schema).
export type {
  DashboardDef,
  FieldDef,
  FlowDef,
  FormDef,
  JsonLogic,
  RoleDef,
} from '../engine/definition/types.js';
