/**
 * The flow state machine's public face: `step`, snapshots, node kinds and durations.
 */
export { step, MAX_TRANSITIONS } from './step.js';
export { initialSnapshot, restoreSnapshot } from './snapshot-restore.js';
export {
  COMMON_NODE_PROPERTIES,
  NODE_KINDS,
  describeKinds,
  kindOf,
  nodeKinds,
  registerNodeKind,
} from './kinds/registry.js';
export type { KindDescription, NodeKind, NodeShape } from './kinds/node-kind.js';
export { parseDuration, addDuration, shiftByDuration } from './duration-math.js';
export { signerActions } from './kinds/task-signers.js';
export { fallbackFields } from './kinds/event-fallback.js';
export { migrationPlan, meaningChanges, PLAN_SAMPLES } from './migration-plan.js';
export type {
  InstancePosition,
  MigrationGroup,
  MigrationPlan,
  MigrationReason,
  MigrationVerdict,
  NodeMapping,
} from './migration-plan.js';
export * from './types.js';
export { migrateInstance } from './instance-migration.js';
export type { InstanceMigration, TokenMove } from './instance-migration.js';
export { migrateRecord } from './record-migration.js';
export type { MigratedRecord } from './record-migration.js';
