/**
 * The flagship repair flow (templates/after-sales.json, flow `repair` on form `repair_request`) as
 * every benchmark drives it: the out-of-warranty path of tests/api/repair-flow.test.ts, the same
 * users completing the same nodes with the same data. One instance = 10 events (start, 8 task
 * completions, the three-day wait timer).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppBundle, FlowDef, FormDef, TaskAction } from '../../engine/index.js';

export const APP = 'after_sales';
export const FORM = 'repair_request';
export const FLOW = 'repair';
export const EVENTS_PER_INSTANCE = 10;
/** The three-day `survey_wait` timer plus a second. */
export const SURVEY_WAIT_MS = 3 * 86_400_000 + 1000;

export function loadFlagship(): AppBundle {
  const file = fileURLToPath(new URL('../../templates/after-sales.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as AppBundle;
}

export function flagshipParts(bundle: AppBundle): { flow: FlowDef; form: FormDef } {
  const flow = bundle.flows.find((f) => f.key === FLOW);
  const form = bundle.forms.find((f) => f.key === FORM);
  if (!flow || !form) throw new Error('the after-sales template has no repair flow');
  return { flow, form };
}

/** Password of the admin and demo users on servers the benchmarks start. */
export const BENCH_PASSWORD = 'bench-password-1';

/** Demo users (runtime/bootstrap.ts) the script needs, with their roles. */
export const SCRIPT_USERS: Record<string, string[]> = {
  customer: ['customer'],
  desk: ['service_desk'],
  tech: ['technician'],
  cashier: ['cashier'],
  shipper: ['shipper'],
  qa: ['qa'],
  supervisor: ['supervisor'],
};

export interface ScriptIds {
  customer: string;
  product: string;
  technician: string;
}

export function createInput(ids: ScriptIds, n: number): Record<string, unknown> {
  return {
    customer: ids.customer,
    product: ids.product,
    serial_number: `SN-${n}`,
    purchase_date: '2020-01-15',
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: 'phone',
    description: 'Screen flickers after a fall',
  };
}

export type ScriptStep =
  | {
      kind: 'task';
      user: string;
      node: string;
      action: TaskAction;
      data: (ids: ScriptIds) => Record<string, unknown>;
    }
  | { kind: 'timer'; node: string };

/** The events after `start`, in order. */
export const SCRIPT: readonly ScriptStep[] = [
  {
    kind: 'task',
    user: 'desk',
    node: 'intake',
    action: 'approve',
    data: (ids) => ({ technician: ids.technician }),
  },
  {
    kind: 'task',
    user: 'tech',
    node: 'quote',
    action: 'submit',
    data: () => ({ quote_fee: 300, quote_days: 3 }),
  },
  {
    kind: 'task',
    user: 'customer',
    node: 'customer_decision',
    action: 'approve',
    data: () => ({ payment_method: 'cash' }),
  },
  {
    kind: 'task',
    user: 'cashier',
    node: 'payment',
    action: 'submit',
    data: () => ({ payment_amount: 300, payment_method: 'cash', payment_reference: 'R-1' }),
  },
  {
    kind: 'task',
    user: 'tech',
    node: 'repair',
    action: 'submit',
    data: () => ({
      diagnosis: 'Cable',
      parts: [{ part_name: 'Cable', qty: 2, unit_price: 15 }],
      labour_fee: 50,
    }),
  },
  { kind: 'task', user: 'qa', node: 'qa', action: 'approve', data: () => ({ qa_result: 'pass' }) },
  {
    kind: 'task',
    user: 'shipper',
    node: 'ship',
    action: 'submit',
    data: () => ({ courier: 'sf', tracking_number: 'SF123456' }),
  },
  { kind: 'timer', node: 'survey_wait' },
  {
    kind: 'task',
    user: 'customer',
    node: 'survey',
    action: 'submit',
    data: () => ({ rating: 5, comment: '很好' }),
  },
];

/** The node sequence the peers model (same states, same order). */
export const NODE_PATH = [
  'intake',
  'quote',
  'customer_decision',
  'payment',
  'repair',
  'qa',
  'ship',
  'survey_wait',
  'survey',
] as const;
