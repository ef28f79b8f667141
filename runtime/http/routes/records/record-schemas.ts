/** JSON Schemas of records, tasks, instances and history as the API shows them (docs/api.md, OpenAPI at /docs). */
import { anyObjectSchema, localizedTextSchema } from '../../schemas.js';

export const assigneeSchema = {
  type: 'object',
  properties: { user: { type: 'string' }, role: { type: 'string' } },
} as const;

export const recordSchema = {
  type: 'object',
  required: ['id', 'app', 'form', 'version', 'data', 'createdBy', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    version: { type: 'integer' },
    data: anyObjectSchema,
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    instanceId: { type: 'string' },
  },
} as const;

export const taskSchema = {
  type: 'object',
  required: [
    'id',
    'instanceId',
    'recordId',
    'node',
    'nodeName',
    'status',
    'assignees',
    'breached',
    'actions',
    'fields',
    'data',
  ],
  properties: {
    id: { type: 'string' },
    instanceId: { type: 'string' },
    recordId: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    node: { type: 'string' },
    nodeName: { type: 'string' },
    status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
    iteration: { type: 'integer' },
    assignees: { type: 'array', items: assigneeSchema },
    dueAt: { type: ['string', 'null'] },
    breached: { type: 'boolean' },
    priority: { type: 'integer' },
    createdAt: { type: 'string' },
    completedAt: { type: ['string', 'null'] },
    completedBy: { type: ['string', 'null'] },
    action: { type: ['string', 'null'] },
    actions: { type: 'array', items: { type: 'string' } },
    fields: {
      type: 'object',
      properties: {
        visible: { type: 'array', items: { type: 'string' } },
        editable: { type: 'array', items: { type: 'string' } },
        required: { type: 'array', items: { type: 'string' } },
      },
    },
    backfill: { type: 'array', items: { type: 'string' } },
    returnTargets: { type: 'array', items: { type: 'string' } },
    urge: {
      type: 'object',
      description:
        '催办: the viewer may urge this open task (POST /tasks/{id}/urge); `nextAt` while an urge within the hour holds it back',
      properties: { nextAt: { type: 'string' } },
    },
    display: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        "Display text of the shown relation and user values by field key (the linked customer's name)",
    },
    actionLabels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: "The step's own words for its actions",
    },
    data: anyObjectSchema,
    signer: {
      type: 'object',
      description: '加签: the task belongs to a signer added before or after `by`',
      properties: { position: { type: 'string', enum: ['before', 'after'] }, by: { type: 'string' } },
    },
    waitingFor: {
      type: 'array',
      items: { type: 'string' },
      description: '加签: before-signers the task waits for',
    },
    signersAfter: { type: 'array', items: { type: 'string' }, description: '加签: after-signers, in order' },
    withdrawable: {
      type: 'boolean',
      description: '撤回: the viewer may still take this completed step back',
    },
  },
} as const;

export const historyEventSchema = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'type'],
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: 'string' },
    type: { type: 'string' },
    node: { type: 'string' },
    action: { type: 'string' },
    comment: { type: 'string' },
    changes: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, from: {}, to: {} } },
    },
    detail: anyObjectSchema,
  },
} as const;

export const recordViewSchema = {
  type: 'object',
  required: ['record'],
  properties: {
    viaCopy: {
      type: 'boolean',
      description: '抄送: the viewer reads the case through a copy, read-only, with its fields only',
    },
    record: recordSchema,
    instance: {
      type: 'object',
      required: ['id', 'flow', 'version', 'status', 'activeNodes', 'tasks', 'history'],
      properties: {
        id: { type: 'string' },
        flow: { type: 'string' },
        version: { type: 'integer' },
        status: { type: 'string', enum: ['active', 'done', 'cancelled', 'failed'] },
        outcome: { type: 'string' },
        activeNodes: { type: 'array', items: { type: 'string' } },
        tasks: { type: 'array', items: taskSchema },
        history: { type: 'array', items: historyEventSchema },
        incidents: { type: 'array', items: anyObjectSchema },
        parent: {
          type: 'object',
          description: 'The case whose subflow node started this one',
          required: ['recordId', 'instanceId', 'node', 'flow'],
          properties: {
            recordId: { type: 'string' },
            instanceId: { type: 'string' },
            node: { type: 'string' },
            flow: { type: 'string' },
          },
        },
        subflows: {
          type: 'array',
          description: "The cases this one's subflow nodes started",
          items: {
            type: 'object',
            required: ['node', 'flow', 'recordId', 'status'],
            properties: {
              node: { type: 'string' },
              flow: { type: 'string' },
              recordId: { type: 'string' },
              status: { type: 'string', enum: ['active', 'done', 'failed', 'cancelled', 'not_started'] },
              outcome: { type: 'string' },
            },
          },
        },
        waiting: {
          type: 'array',
          description:
            'What the case waits for where no person holds it (a timer, an outside event, a webhook, a subflow) and until when',
          items: {
            type: 'object',
            required: ['node', 'name', 'kind', 'since'],
            properties: {
              node: { type: 'string' },
              name: { type: 'string', description: "The node's name in the reader's language" },
              kind: { type: 'string', enum: ['timer', 'event', 'webhook', 'subflow'] },
              since: { type: 'string' },
              until: { type: 'string', description: "A timer's due time or an event's timeout" },
              fallback: {
                type: 'object',
                description: "An event's staff fallback: its open task, or when it opens (staff only)",
                properties: { taskId: { type: 'string' }, opensAt: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const relatedListSchema = {
  type: 'object',
  required: ['key', 'label', 'form', 'fields', 'items'],
  properties: {
    key: { type: 'string' },
    label: localizedTextSchema,
    form: { type: 'string', description: 'The related form' },
    fields: {
      type: 'array',
      items: { type: 'string' },
      description: "The related form's fields each item shows",
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'createdAt', 'data'],
        properties: { id: { type: 'string' }, createdAt: { type: 'string' }, data: anyObjectSchema },
      },
    },
  },
} as const;
