/**
 * Shapes the web app reads from the HTTP API: the contract's (contract/, the same declarations the
 * server's routes answer with; docs/api.md), and definitions as engine/ declares them.
 */
export type {
  AppRole,
  AppSummary,
  AppView,
  Copy,
  FieldPermissions,
  FileInfo,
  HistoryEvent,
  Notification,
  RecordRow,
  RecordView,
  Task,
  User,
  Waiting,
  ProblemItem as Problem,
} from '../../../contract/index.js';
export type {
  DashboardDef,
  FieldDef,
  FlowDef,
  FormDef,
  ListViewDef,
  LocalizedText,
} from '../../../engine/definition/types.js';
