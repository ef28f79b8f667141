/**
 * Small definitions and states the store tests write: a repair-request app whose v2 adds a field.
 */
import type { AppBundle, FieldDef, FlowSnapshot } from '../../engine/index.js';

const V1_FIELDS: FieldDef[] = [
  { key: 'title', type: 'text', label: 'Title' },
  {
    key: 'status',
    type: 'select',
    label: 'Status',
    options: [
      { value: 'open', label: 'Open' },
      { value: 'closed', label: 'Closed' },
    ],
  },
  { key: 'amount', type: 'money', label: 'Amount' },
  { key: 'qty', type: 'integer', label: 'Quantity' },
  { key: 'received', type: 'date', label: 'Received' },
  { key: 'vip', type: 'boolean', label: 'VIP' },
  { key: 'tags', type: 'multiselect', label: 'Tags', options: [{ value: 'a', label: 'A' }] },
];

/** The `repair` app; `withPriority` adds v2's `priority` select field. */
export function repairBundle(withPriority = false): AppBundle {
  const fields: FieldDef[] = withPriority
    ? [
        ...V1_FIELDS,
        { key: 'priority', type: 'select', label: 'Priority', options: [{ value: 'high', label: 'High' }] },
      ]
    : V1_FIELDS;
  return {
    format: 'flowcase/app@1',
    key: 'repair',
    name: { en: 'Repair', zh: '维修' },
    version: '1.0.0',
    roles: [{ key: 'desk', name: 'Desk' }],
    forms: [{ key: 'request', name: 'Request', fields }],
    flows: [],
    dashboards: [],
  };
}

export function snapshot(overrides: Partial<FlowSnapshot> = {}): FlowSnapshot {
  return {
    snapshotVersion: 1,
    flow: 'main',
    version: 1,
    status: 'active',
    tokens: [],
    tasks: [],
    timers: [],
    visits: {},
    seq: 0,
    ...overrides,
  };
}

/** A timestamp `minutes` after a fixed origin, so tests never read the real clock. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2025, 0, 1, 8, 0, 0) + minutes * 60_000).toISOString();
}
