/** Records, tasks, cases and their history as the API shows them (docs/api.md, OpenAPI at /docs). */
import { Type, type Static } from '@sinclair/typebox';
import { LocalizedText } from './common.js';
import { AnyObject, Nullable, StringEnum, StringMap } from './schema-kit.js';

export const Assignee = Type.Object({
  user: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
});
export type Assignee = Static<typeof Assignee>;

/** A stored record: its form's values in `data`, the app version it was created with. */
export const RecordRow = Type.Object({
  id: Type.String(),
  app: Type.String(),
  form: Type.String(),
  version: Type.Integer(),
  data: AnyObject(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  instanceId: Type.Optional(Type.String()),
});
export type RecordRow = Static<typeof RecordRow>;

/** A listed record: its fields and, for its relation and user values, their display text. */
export const ListedRecord = Type.Object({
  ...RecordRow.properties,
  display: Type.Optional(
    StringMap({
      description:
        "Display text of the record's relation and user values by field key (the linked customer's name, a user's name)",
    }),
  ),
});
export type ListedRecord = Static<typeof ListedRecord>;

/** The fields a task shows, lets its assignee edit, and requires. */
export const FieldPermissions = Type.Object({
  visible: Type.Array(Type.String()),
  editable: Type.Array(Type.String()),
  required: Type.Array(Type.String()),
});
export type FieldPermissions = Static<typeof FieldPermissions>;

export const Task = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  recordId: Type.String(),
  app: Type.Optional(Type.String()),
  form: Type.Optional(Type.String()),
  node: Type.String(),
  nodeName: Type.String(),
  status: StringEnum(['open', 'done', 'cancelled']),
  iteration: Type.Optional(Type.Integer()),
  assignees: Type.Array(Assignee),
  dueAt: Type.Optional(Nullable('string')),
  breached: Type.Boolean(),
  priority: Type.Optional(Type.Integer()),
  createdAt: Type.Optional(Type.String()),
  completedAt: Type.Optional(Nullable('string')),
  completedBy: Type.Optional(Nullable('string')),
  action: Type.Optional(Nullable('string')),
  actions: Type.Array(Type.String()),
  fields: FieldPermissions,
  backfill: Type.Optional(Type.Array(Type.String())),
  returnTargets: Type.Optional(Type.Array(Type.String())),
  urge: Type.Optional(
    Type.Object(
      { nextAt: Type.Optional(Type.String()) },
      {
        description:
          '催办: the viewer may urge this open task (POST /tasks/{id}/urge); `nextAt` while an urge within the hour holds it back',
      },
    ),
  ),
  display: Type.Optional(
    StringMap({
      description:
        "Display text of the shown relation and user values by field key (the linked customer's name)",
    }),
  ),
  actionLabels: Type.Optional(StringMap({ description: "The step's own words for its actions" })),
  data: AnyObject(),
  signer: Type.Optional(
    Type.Object(
      { position: StringEnum(['before', 'after']), by: Type.String() },
      { description: '加签: the task belongs to a signer added before or after `by`' },
    ),
  ),
  waitingFor: Type.Optional(
    Type.Array(Type.String(), { description: '加签: before-signers the task waits for' }),
  ),
  signersAfter: Type.Optional(Type.Array(Type.String(), { description: '加签: after-signers, in order' })),
  withdrawable: Type.Optional(
    Type.Boolean({ description: '撤回: the viewer may still take this completed step back' }),
  ),
});
export type Task = Static<typeof Task>;

export const HistoryEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  type: Type.String(),
  node: Type.Optional(Type.String()),
  action: Type.Optional(Type.String()),
  comment: Type.Optional(Type.String()),
  changes: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        from: Type.Optional(Type.Unknown()),
        to: Type.Optional(Type.Unknown()),
      }),
    ),
  ),
  detail: Type.Optional(AnyObject()),
});
export type HistoryEvent = Static<typeof HistoryEvent>;

/** A timer, an outside event, a webhook's answer or a subflow the case waits for. */
export const Waiting = Type.Object({
  node: Type.String(),
  name: Type.String({ description: "The node's name in the reader's language" }),
  kind: StringEnum(['timer', 'event', 'webhook', 'subflow']),
  since: Type.String(),
  until: Type.Optional(Type.String({ description: "A timer's due time or an event's timeout" })),
  fallback: Type.Optional(
    Type.Object(
      { taskId: Type.Optional(Type.String()), opensAt: Type.Optional(Type.String()) },
      { description: "An event's staff fallback: its open task, or when it opens (staff only)" },
    ),
  ),
});
export type Waiting = Static<typeof Waiting>;

export const InstanceStatus = StringEnum(['active', 'done', 'cancelled', 'failed']);

/** The case whose subflow node started this one. */
export const ParentCase = Type.Object(
  { recordId: Type.String(), instanceId: Type.String(), node: Type.String(), flow: Type.String() },
  { description: 'The case whose subflow node started this one' },
);

export const SubflowCase = Type.Object({
  node: Type.String(),
  flow: Type.String(),
  recordId: Type.String(),
  status: StringEnum(['active', 'done', 'failed', 'cancelled', 'not_started']),
  outcome: Type.Optional(Type.String()),
});
export type SubflowCase = Static<typeof SubflowCase>;

export const CaseInstance = Type.Object({
  id: Type.String(),
  flow: Type.String(),
  version: Type.Integer(),
  status: InstanceStatus,
  outcome: Type.Optional(Type.String()),
  activeNodes: Type.Array(Type.String()),
  tasks: Type.Array(Task),
  history: Type.Array(HistoryEvent),
  incidents: Type.Optional(Type.Array(AnyObject())),
  parent: Type.Optional(ParentCase),
  subflows: Type.Optional(
    Type.Array(SubflowCase, { description: "The cases this one's subflow nodes started" }),
  ),
  waiting: Type.Optional(
    Type.Array(Waiting, {
      description:
        'What the case waits for where no person holds it (a timer, an outside event, a webhook, a subflow) and until when',
    }),
  ),
});
export type CaseInstance = Static<typeof CaseInstance>;

/** `GET /records/{id}`: the record and, for a case, its instance as the viewer may see it. */
export const RecordView = Type.Object({
  viaCopy: Type.Optional(
    Type.Boolean({
      description: '抄送: the viewer reads the case through a copy, read-only, with its fields only',
    }),
  ),
  record: RecordRow,
  instance: Type.Optional(CaseInstance),
});
export type RecordView = Static<typeof RecordView>;

/** A related list of a record: the records of another form that link to it. */
export const RelatedList = Type.Object({
  key: Type.String(),
  label: LocalizedText,
  form: Type.String({ description: 'The related form' }),
  fields: Type.Array(Type.String(), { description: "The related form's fields each item shows" }),
  items: Type.Array(Type.Object({ id: Type.String(), createdAt: Type.String(), data: AnyObject() })),
});
export type RelatedList = Static<typeof RelatedList>;
