/** Shapes the web app reads from the HTTP API (docs/api.md, OpenAPI at /docs); definitions come from engine/. */
import type {
  DashboardDef,
  FieldDef,
  FlowDef,
  FormDef,
  LocalizedText,
} from '../../../engine/definition/types.js';

import type { HistoryEvent } from '../../../engine/flow/types.js';
import type { RecordRow } from '../../store/types.js';

export type { DashboardDef, FieldDef, FlowDef, FormDef, LocalizedText };
// The server's own shapes, as types only (nothing of the server is bundled).
export type { HistoryEvent, RecordRow };

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  language: 'zh-CN' | 'en';
}

export interface FieldPermissions {
  visible: string[];
  editable: string[];
  required: string[];
}

export interface Task {
  id: string;
  instanceId: string;
  recordId: string;
  app?: string;
  form?: string;
  node: string;
  nodeName: string;
  status: 'open' | 'done' | 'cancelled';
  assignees: { user?: string; role?: string }[];
  dueAt?: string | null;
  breached: boolean;
  priority?: number;
  createdAt?: string;
  completedAt?: string | null;
  completedBy?: string | null;
  action?: string | null;
  actions: string[];
  fields: FieldPermissions;
  backfill?: string[];
  returnTargets?: string[];
  /** 加签: the task is a signer's, added before or after `by`. */
  signer?: { position: 'before' | 'after'; by: string };
  /** 加签: before-signers this task waits for. */
  waitingFor?: string[];
  /** 加签: after-signers, in order. */
  signersAfter?: string[];
  /** 撤回: the viewer completed this step and may still take it back. */
  withdrawable?: boolean;
  /** The step's own words for its actions, in the reader's language. */
  actionLabels?: Record<string, string>;
  /** 催办: the viewer may urge this open task; `nextAt` while an earlier urge holds it back. */
  urge?: { nextAt?: string };
  data: Record<string, unknown>;
}

export interface RecordView {
  /** 抄送: the viewer reads the case through a copy, read-only, with the copy's fields only. */
  viaCopy?: boolean;
  record: RecordRow;
  instance?: {
    id: string;
    flow: string;
    version: number;
    status: 'active' | 'done' | 'cancelled' | 'failed';
    outcome?: string;
    activeNodes: string[];
    tasks: Task[];
    history: HistoryEvent[];
    /** The case whose subflow node started this one. */
    parent?: { recordId: string; instanceId: string; node: string; flow: string };
    /** The cases this one's subflow nodes started. */
    subflows?: {
      node: string;
      flow: string;
      recordId: string;
      status: 'active' | 'done' | 'failed' | 'cancelled' | 'not_started';
      outcome?: string;
    }[];
    /** What the case waits for where no person holds it, and until when. */
    waiting?: Waiting[];
  };
}

/** A timer, an outside event, a webhook's answer or a subflow the case waits for. */
export interface Waiting {
  node: string;
  /** The step's name in the reader's language. */
  name: string;
  kind: 'timer' | 'event' | 'webhook' | 'subflow';
  since: string;
  /** A wait's due time or an event's timeout. */
  until?: string;
  /** An event's staff fallback (staff only): its open task, or when it opens. */
  fallback?: { taskId?: string; opensAt?: string };
}

/** 抄送我的: a case copied to the user for information (GET /copies). */
export interface Copy {
  id: string;
  recordId: string;
  instanceId: string;
  app: string;
  form: string;
  node: string;
  nodeName: string;
  reason: 'node' | 'sla.breach';
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
  fields: string[];
  data: Record<string, unknown>;
}

export interface AppRole {
  key: string;
  name?: LocalizedText;
  customer?: boolean;
}

export interface AppView {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  version: number;
  roles: AppRole[];
  forms: FormDef[];
  flows: FlowDef[];
  dashboards?: DashboardDef[];
  /** The server's time zone: report periods are its local dates. */
  timeZone?: string;
}

export interface AppSummary {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  version: number;
  forms: { key: string; name: LocalizedText }[];
}

export interface Notification {
  id: string;
  title: string;
  body: string;
  recordId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface FileInfo {
  id: string;
  name: string;
  type: string;
  size: number;
}

export interface Problem {
  path: string;
  code?: string;
  message: string;
}
