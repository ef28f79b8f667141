/**
 * A load on the flagship repair flow through the real HTTP API: workers create repair requests
 * (in warranty, technician preset) and push them through intake → repair → QA → shipping, each step
 * by its own demo user. Every 2xx is written into a ledger, so after a crash the test can check that
 * each acknowledged request has its effect in the database.
 */
import type { Client } from './http-client.js';

export interface FlagshipIds {
  customer: string;
  product: (minWarrantyMonths: number) => string;
  user: (username: string) => string;
}

/** Ids of the sample customer and products and of the demo users. */
export async function flagshipIds(client: Client): Promise<FlagshipIds> {
  const customers = await client.expect<{ items: { id: string }[] }>(
    200,
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records?limit=50',
  );
  const products = await client.expect<{ items: { id: string; data: { warranty_months: number } }[] }>(
    200,
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  const users = await client.expect<{ id: string; username: string }[]>(200, 'admin', 'GET', '/api/v1/users');
  return {
    customer: customers.items[0]!.id,
    product: (months) => {
      const p = products.items.find((x) => x.data.warranty_months >= months);
      if (!p) throw new Error(`no sample product with ${months} months of warranty`);
      return p.id;
    },
    user: (username) => {
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`no user ${username}`);
      return u.id;
    },
  };
}

/** A day `daysAgo` days before today, as `YYYY-MM-DD`. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid in-warranty repair request with the technician preset (intake goes straight on to repair). */
export function repairRequest(
  ids: FlagshipIds,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    customer: ids.customer,
    product: ids.product(12),
    purchase_date: daysAgo(30),
    intake_channel: 'hotline',
    service_type: 'carry_in',
    fault_category: 'phone',
    description: 'Does not power on',
    technician: ids.user('tech'),
    ...extra,
  };
}

/** Who completes which node, with which body. */
export const STEPS: Record<string, { user: string; body: Record<string, unknown> }> = {
  intake: { user: 'desk', body: { action: 'approve', comment: 'Accepted' } },
  repair: { user: 'tech', body: { action: 'submit', data: { diagnosis: 'Loose cable', labour_fee: 50 } } },
  qa: { user: 'qa', body: { action: 'approve', data: { qa_result: 'pass' } } },
  ship: {
    user: 'shipper',
    body: { action: 'submit', data: { courier: 'sf', tracking_number: 'SF1234567' } },
  },
};

export interface View {
  record: { id: string; version: number; data: Record<string, unknown> };
  instance?: {
    id: string;
    version: number;
    status: string;
    activeNodes: string[];
    tasks: { id: string; node: string; status: string; breached: boolean; assignees: unknown[] }[];
    history: { seq: number; type: string; node?: string; detail?: Record<string, unknown> }[];
    incidents?: { node: string; reason: string }[];
  };
}

/** The open task of a view that the load knows how to complete. */
export function nextStep(view: View): { id: string; node: string } | undefined {
  return view.instance?.tasks.find((t) => t.status === 'open' && t.node in STEPS);
}

export interface Ledger {
  /** Record ids answered 201. */
  records: Set<string>;
  /** Task id → the user id that got 200 completing it. */
  completions: Map<string, string>;
  /** Answers that are neither success, 409, nor a dropped connection. */
  unexpected: string[];
  requests: number;
}

export function newLedger(): Ledger {
  return { records: new Set(), completions: new Map(), unexpected: [], requests: 0 };
}

interface CaseState {
  recordId: string;
  task?: { id: string; node: string } | undefined;
}

/** One worker's case in progress; kept across rounds so a case continues after a restart. */
export interface Worker {
  current?: CaseState | undefined;
}

/**
 * Runs `workers` loops until `stop.stopped` (or until the server stops answering). `rnd` decides
 * when to open a new case instead of advancing the current one.
 */
export async function runFlagshipLoad(
  client: Client,
  ids: FlagshipIds,
  ledger: Ledger,
  workers: Worker[],
  stop: { stopped: boolean },
  rnd: () => number,
): Promise<void> {
  const body = repairRequest(ids);
  async function loop(w: Worker): Promise<void> {
    while (!stop.stopped) {
      ledger.requests += 1;
      if (!w.current || rnd() < 0.15) {
        const res = await client.call<View>(
          'desk',
          'POST',
          '/api/v1/apps/after_sales/forms/repair_request/records',
          { data: body },
        );
        if (res.status === 0) return; // the server is gone
        if (res.status !== 201) {
          ledger.unexpected.push(`create: ${res.status} ${res.text.slice(0, 300)}`);
          continue;
        }
        ledger.records.add(res.body.record.id);
        w.current = { recordId: res.body.record.id, task: nextStep(res.body) };
        continue;
      }
      const current = w.current;
      if (!current.task) {
        // The last answer was lost (or was a 409): ask the server where the case stands.
        const res = await client.call<View>('admin', 'GET', `/api/v1/records/${current.recordId}`);
        if (res.status === 0) return;
        if (res.status !== 200) {
          ledger.unexpected.push(`read: ${res.status} ${res.text.slice(0, 300)}`);
          w.current = undefined;
          continue;
        }
        current.task = nextStep(res.body);
        if (!current.task) w.current = undefined;
        continue;
      }
      const step = STEPS[current.task.node]!;
      const res = await client.call<View>(
        step.user,
        'POST',
        `/api/v1/tasks/${current.task.id}/complete`,
        step.body,
      );
      if (res.status === 0) {
        current.task = undefined;
        return;
      }
      if (res.status === 200) {
        ledger.completions.set(current.task.id, ids.user(step.user));
        current.task = nextStep(res.body);
        if (!current.task) w.current = undefined;
      } else if (res.status === 409) {
        current.task = undefined;
      } else {
        ledger.unexpected.push(`complete ${current.task.node}: ${res.status} ${res.text.slice(0, 300)}`);
        current.task = undefined;
      }
    }
  }
  await Promise.all(workers.map(loop));
}
