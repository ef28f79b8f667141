/**
 * How the people of an after-sales department work a repair request, as random but seeded choices:
 * what the customer files, who takes which task how fast (sometimes too slow: SLA breaches), what
 * they decide (reject, decline the quote, pay online or at the counter, QA sends it back), and
 * where an unfinished case stops. `decide` is asked for the next move whenever the case waits.
 */
import type { FlowEvent, OpenTask } from '../../engine/index.js';
import type { Actor } from '../../runtime/cases/types.js';
import { FAULTS } from './catalog.js';
import type { CaseSim } from './case-sim.js';
import type { Customer, People, Product } from './people.js';
import type { Rng } from './prng.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Nodes an unfinished case may stop at (the case waits there when the seed's clock ends). */
export const STOP_NODES = [
  'intake',
  'dispatch',
  'quote',
  'customer_decision',
  'await_payment',
  'payment',
  'repair',
  'repair_on_site',
  'qa',
  'ship',
  'survey_wait',
  'survey',
] as const;
export type StopNode = (typeof STOP_NODES)[number];

export interface Scenario {
  customer: Customer;
  product: Product;
  submitter: Actor;
  /** Whether the customer files online (and so decides and rates in the portal). */
  portal: boolean;
  inWarranty: boolean;
  onSite: boolean;
  reject: boolean;
  techAtIntake: boolean;
  technician: Actor;
  decline: boolean;
  payment: 'online' | 'online_short' | 'online_late' | 'counter';
  onlineMethod: 'wechat_pay' | 'alipay';
  reworks: number;
  customerRates: boolean;
  fault: (typeof FAULTS)[keyof typeof FAULTS][number];
  quoteFee: number;
  stopAt?: StopNode;
}

export interface Move {
  at: number;
  /** The task this move completes (re-checked after timers fire), or the event node. */
  taskId?: string;
  node: string;
  actor: Actor;
  event: FlowEvent;
}

function round10(n: number): number {
  return Math.max(10, Math.round(n / 10) * 10);
}

function technicianFor(rng: Rng, people: People, product: Product, onSite: boolean): Actor {
  const techs = people.staff.technician;
  const fits = techs.filter((t) => {
    const skills = people.techSkills.get(t.id) ?? [];
    return (
      skills.includes(product.category) && (!onSite || skills.includes('on_site') || skills.length === 0)
    );
  });
  return rng.pick(fits.length > 0 ? fits : techs);
}

/** Draws what happens to one request; `stopAt` forces the choices that lead through that node. */
export function drawScenario(rng: Rng, people: People, stopAt: StopNode | undefined): Scenario {
  const customer = rng.pick(people.customers);
  const product = rng.pick(people.products);
  const portal = customer.account !== undefined && rng.chance(0.7);
  const submitter = portal ? customer.account! : rng.pick(people.staff.service_desk);
  const big = product.category === 'air_conditioner' || product.category === 'washing_machine';
  const needsQuote =
    stopAt === 'quote' ||
    stopAt === 'customer_decision' ||
    stopAt === 'await_payment' ||
    stopAt === 'payment';
  const onSite =
    stopAt === 'repair_on_site'
      ? true
      : stopAt === 'ship' || stopAt === 'repair'
        ? false
        : big
          ? rng.chance(0.85)
          : rng.chance(0.03);
  const inWarranty = needsQuote ? false : rng.chance(0.55);
  const s: Scenario = {
    customer,
    product,
    submitter,
    portal,
    inWarranty,
    onSite,
    reject: stopAt ? false : rng.chance(0.05),
    techAtIntake: stopAt === 'dispatch' ? false : rng.chance(0.75),
    technician: technicianFor(rng, people, product, onSite),
    decline: stopAt ? false : rng.chance(0.18),
    payment:
      stopAt === 'await_payment'
        ? 'online'
        : stopAt === 'payment'
          ? 'counter'
          : rng.weighted({ online: 55, online_short: 3, online_late: 5, counter: 37 }),
    onlineMethod: rng.chance(0.6) ? 'wechat_pay' : 'alipay',
    reworks: Number(rng.weighted({ '0': 82, '1': 13, '2': 5 })),
    customerRates: rng.chance(0.72),
    fault: rng.pick(FAULTS[product.category]),
    quoteFee: round10(product.price * rng.real(0.04, 0.3)),
    ...(stopAt ? { stopAt } : {}),
  };
  return s;
}

/** The request as filed (`purchase_date` relative to `at`, far from the warranty edge). */
export function requestInput(rng: Rng, s: Scenario, at: number): Record<string, unknown> {
  const warrantyDays = s.product.warrantyMonths * 30;
  const ageDays = s.inWarranty
    ? rng.int(15, Math.max(16, warrantyDays - 45))
    : warrantyDays + rng.int(45, 900);
  const input: Record<string, unknown> = {
    customer: s.customer.id,
    product: s.product.id,
    purchase_date: new Date(at - ageDays * DAY).toISOString().slice(0, 10),
    intake_channel: s.portal
      ? rng.weighted({ online_shop: 6, wechat: 3, email: 1 })
      : rng.weighted({ hotline: 5, offline_store: 4, email: 1 }),
    service_type: s.onSite ? 'on_site' : 'carry_in',
    fault_category: s.product.category,
    description: s.fault.symptom,
  };
  if (rng.chance(0.8)) input.serial_number = `SN${rng.u32().toString(36).toUpperCase().padStart(7, '0')}`;
  return input;
}

function delay(rng: Rng, normal: [number, number], slow: [number, number], slowShare: number): number {
  const [lo, hi] = rng.chance(slowShare) ? slow : normal;
  return Math.round(rng.real(lo, hi));
}

function byRole(rng: Rng, people: People, role: keyof People['staff']): Actor {
  return rng.pick(people.staff[role]);
}

/** The user who acts on `task`: `prefer` if assigned, else someone holding an assigned role. */
function assigneeOf(rng: Rng, people: People, task: OpenTask, prefer?: Actor): Actor {
  if (prefer && task.assignees.some((a) => 'user' in a && a.user === prefer.id)) return prefer;
  const user = task.assignees.find((a) => 'user' in a);
  if (!prefer && user && 'user' in user) {
    const u = people.user(user.user);
    if (u) return { id: u.id, username: u.username, roles: u.roles };
  }
  const role = task.assignees.find((a) => 'role' in a && a.role in people.staff);
  if (role && 'role' in role) return byRole(rng, people, role.role as keyof People['staff']);
  if (user && 'user' in user) return assigneeOf(rng, people, task);
  throw new Error(`No seeded user can take task ${task.node}.`);
}

function complete(
  task: OpenTask,
  at: number,
  actor: Actor,
  action: 'submit' | 'approve' | 'reject' | 'return',
  data?: Record<string, unknown>,
  extra: { comment?: string; returnTo?: string } = {},
): Move {
  return {
    at,
    taskId: task.id,
    node: task.node,
    actor,
    event: { type: 'task.complete', taskId: task.id, action, ...(data ? { data } : {}), ...extra },
  };
}

/**
 * The next move of the case, `'stop'` when it reached its stop node, or undefined when only a
 * timer can move it on (a wait, an event timeout).
 */
export function decide(rng: Rng, people: People, s: Scenario, sim: CaseSim): Move | 'stop' | undefined {
  const now = sim.now;
  const at = sim.snapshot.tokens.map((t) => t.node);
  if (s.stopAt && at.includes(s.stopAt)) return 'stop';
  const task = sim.snapshot.tasks[0];
  // Waiting for the gateway: it reports the payment whether or not the cashier's fallback task has opened.
  if (!task || task.node === 'await_payment') {
    if (at.includes('await_payment') && s.payment !== 'online_late') {
      const fee = Number(sim.record.data.quote_fee ?? s.quoteFee);
      const amount = s.payment === 'online_short' ? round10(fee / 2) : fee;
      const payload = {
        payment_amount: amount,
        payment_method: s.onlineMethod,
        payment_reference: `${s.onlineMethod === 'alipay' ? 'ALI' : 'WX'}${rng.u32()}${rng.u32()}`,
      };
      return {
        at: now + delay(rng, [2 * MIN, 6 * HOUR], [6 * HOUR, 20 * HOUR], 0.1),
        node: 'await_payment',
        actor: { id: 'system', username: 'payment-gateway', roles: [] },
        event: { type: 'event.receive', name: 'payment.confirmed', payload },
      };
    }
    return undefined;
  }
  switch (task.node) {
    case 'intake': {
      const when = now + delay(rng, [2 * MIN, 55 * MIN], [65 * MIN, 6 * HOUR], 0.15);
      const desk = byRole(rng, people, 'service_desk');
      // The reason is the comment: the intake's reasonField writes it into reject_reason.
      if (s.reject)
        return complete(task, when, desk, 'reject', undefined, {
          comment: rng.pick([
            '不在保修与服务范围内（人为损坏）/ Not covered: physical damage',
            '重复报修，已合并到先前的服务单 / Duplicate request',
            '信息不全且多次联系未果 / Incomplete and unreachable',
          ]),
        });
      return complete(
        task,
        when,
        desk,
        'approve',
        s.techAtIntake ? { technician: s.technician.id } : undefined,
        { comment: '已受理 / accepted' },
      );
    }
    case 'dispatch':
      return complete(
        task,
        now + delay(rng, [5 * MIN, 100 * MIN], [130 * MIN, 6 * HOUR], 0.1),
        byRole(rng, people, 'service_desk'),
        'submit',
        { technician: s.technician.id },
      );
    case 'quote':
      return complete(
        task,
        now + delay(rng, [30 * MIN, 7 * HOUR], [9 * HOUR, 20 * HOUR], 0.1),
        assigneeOf(rng, people, task),
        'submit',
        { quote_fee: s.quoteFee, quote_days: rng.int(1, 7) },
      );
    case 'customer_decision': {
      const when = now + delay(rng, [1 * HOUR, 48 * HOUR], [3 * DAY + HOUR, 5 * DAY], 0.1);
      const who =
        s.portal && rng.chance(0.85)
          ? assigneeOf(rng, people, task, s.submitter)
          : byRole(rng, people, 'service_desk');
      if (s.decline)
        return complete(task, when, who, 'reject', {
          decline_reason: rng.pick([
            '维修费用太高 / Too expensive',
            '决定购买新机 / Buying a new one',
            '暂不维修 / Not now',
          ]),
        });
      const method = s.payment === 'counter' ? rng.pick(['cash', 'card', 'transfer']) : s.onlineMethod;
      return complete(task, when, who, 'approve', { payment_method: method });
    }
    case 'await_payment':
    case 'payment': {
      const fee = Number(sim.record.data.quote_fee ?? s.quoteFee);
      const chosen = sim.record.data.payment_method;
      const method =
        s.payment === 'counter' && typeof chosen === 'string' ? chosen : rng.pick(['cash', 'card']);
      return complete(
        task,
        now + delay(rng, [10 * MIN, 20 * HOUR], [25 * HOUR, 40 * HOUR], 0.08),
        byRole(rng, people, 'cashier'),
        'submit',
        { payment_amount: fee, payment_method: method, payment_reference: `POS${rng.u32()}` },
      );
    }
    case 'repair':
    case 'repair_on_site': {
      const onSite = task.node === 'repair_on_site';
      const when =
        now +
        (onSite
          ? delay(rng, [4 * HOUR, 40 * HOUR], [50 * HOUR, 80 * HOUR], 0.1)
          : delay(rng, [2 * HOUR, 20 * HOUR], [25 * HOUR, 60 * HOUR], 0.12));
      const parts = s.fault.parts.map((p) => ({
        part_name: p.part_name,
        qty: p.part_name.includes('kg') ? rng.int(1, 3) : 1,
        unit_price: p.unit_price,
      }));
      const labour = s.inWarranty ? 0 : round10(rng.real(50, onSite ? 400 : 250));
      return complete(task, when, assigneeOf(rng, people, task), 'submit', {
        diagnosis: task.iteration > 1 ? `返修：${s.fault.diagnosis}（复检后重新处理）` : s.fault.diagnosis,
        parts,
        labour_fee: labour,
      });
    }
    case 'qa': {
      const when = now + delay(rng, [20 * MIN, 5 * HOUR], [9 * HOUR, 16 * HOUR], 0.08);
      const qa = byRole(rng, people, 'qa');
      if (task.iteration <= s.reworks) {
        const note = rng.pick([
          '老化测试未通过 / failed the burn-in test',
          '外观有划痕需处理 / cosmetic scratches',
          '故障复现 / fault reproduced',
        ]);
        // The reason is the comment: the QA node's reasonField writes it into qa_note.
        if (rng.chance(0.5))
          return complete(task, when, qa, 'reject', { qa_result: 'fail' }, { comment: note });
        return complete(
          task,
          when,
          qa,
          'return',
          { qa_result: 'fail' },
          { returnTo: s.onSite ? 'repair_on_site' : 'repair', comment: note },
        );
      }
      return complete(task, when, qa, 'approve', { qa_result: 'pass' });
    }
    case 'ship':
    case 'return_device':
      return complete(
        task,
        now + delay(rng, [1 * HOUR, 20 * HOUR], [25 * HOUR, 40 * HOUR], 0.08),
        byRole(rng, people, 'shipper'),
        'submit',
        {
          courier: rng.weighted({ sf: 5, jd: 3, ems: 1, zto: 1 }),
          tracking_number: `${rng.pick(['SF', 'JD', 'EM', 'ZT'])}${String(rng.u32()).padStart(10, '0')}`,
        },
      );
    case 'survey': {
      const rating = Number(rng.weighted({ '5': 45, '4': 30, '3': 13, '2': 7, '1': 5 }));
      const comment =
        rating >= 4
          ? rng.pick(['很满意 / very satisfied', '修得很快 / quick repair', ''])
          : rng.pick(['等待时间太长 / waited too long', '沟通不及时 / poor communication', '']);
      const data = { rating, ...(comment ? { comment } : {}) };
      if (s.customerRates)
        return complete(
          task,
          now + delay(rng, [2 * HOUR, 4 * DAY], [4 * DAY, 6 * DAY], 0.1),
          assigneeOf(rng, people, task, s.submitter),
          'submit',
          data,
        );
      // No answer: the 7-day SLA adds the desk, who calls the customer.
      return complete(
        task,
        now + 7 * DAY + delay(rng, [2 * HOUR, 2 * DAY], [2 * DAY, 3 * DAY], 0.1),
        byRole(rng, people, 'service_desk'),
        'submit',
        data,
      );
    }
    default:
      return complete(task, now + HOUR, assigneeOf(rng, people, task), 'submit');
  }
}

/** Whether a move decided earlier still applies after timers fired in between. */
export function stillValid(move: Move, sim: CaseSim): boolean {
  if (move.taskId) return sim.snapshot.tasks.some((t) => t.id === move.taskId);
  // An event still applies while only its node's fallback task is open.
  return (
    sim.snapshot.tokens.some((t) => t.node === move.node) &&
    sim.snapshot.tasks.every((t) => t.node === move.node)
  );
}
