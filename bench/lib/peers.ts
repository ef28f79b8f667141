/**
 * Peers on the flagship path, durable the same way: every event re-reads the instance's saved
 * state from SQLite (WAL, `synchronous=NORMAL`), restores the peer, sends the event, and saves the
 * new state plus a history row in one transaction.
 * - XState v5: the path as a machine (guards for warranty and payment method, data in context),
 *   `createActor(machine, { snapshot })` then `getPersistedSnapshot()`.
 * - bpmn-engine: the path as BPMN XML (user tasks, an exclusive gateway for the warranty check), `recover(state)` +
 *   `resume()` then `signal()` and `getState()`. The parsed definition is cached, as a server would.
 */
import { Engine } from 'bpmn-engine';
import { assign, createActor, createMachine, type AnyMachineSnapshot } from 'xstate';
import { HAND_EVENTS, openSqlite, type Sync } from './baselines.js';
import { NODE_PATH } from './flagship.js';
import { Latencies, nowMs } from './stats.js';

export interface PeerFigures {
  stepsPerSec: number;
  instancesPerSec: number;
  p50: number;
  p99: number;
  stateBytes: number;
}

type RepairEvent = { type: 'next'; node: string; data: Record<string, unknown> };

const xstateMachine = createMachine({
  id: 'repair',
  types: {} as { context: { data: Record<string, unknown> }; events: RepairEvent },
  context: { data: {} },
  initial: 'start',
  states: {
    start: { on: { next: { target: 'intake', actions: 'merge' } } },
    intake: {
      on: {
        next: [
          {
            guard: ({ event, context }) => ({ ...context.data, ...event.data }).in_warranty === true,
            target: 'repair',
            actions: 'merge',
          },
          { target: 'quote', actions: 'merge' },
        ],
      },
    },
    quote: { on: { next: { target: 'customer_decision', actions: 'merge' } } },
    customer_decision: {
      on: {
        next: [
          {
            guard: ({ event }) => ['wechat_pay', 'alipay'].includes(String(event.data.payment_method)),
            target: 'payment',
            actions: 'merge',
          },
          { target: 'payment', actions: 'merge' },
        ],
      },
    },
    payment: { on: { next: { target: 'repair', actions: 'merge' } } },
    repair: { on: { next: { target: 'qa', actions: 'merge' } } },
    qa: { on: { next: { target: 'ship', actions: 'merge' } } },
    ship: { on: { next: { target: 'survey_wait', actions: 'merge' } } },
    survey_wait: { on: { next: { target: 'survey', actions: 'merge' } } },
    survey: { on: { next: { target: 'done', actions: 'merge' } } },
    done: { type: 'final' },
  },
}).provide({
  actions: { merge: assign({ data: ({ context, event }) => ({ ...context.data, ...event.data }) }) },
});

function peerTables(db: ReturnType<typeof openSqlite>, prefix: string): void {
  db.exec(`create table if not exists ${prefix}_instances (id text primary key, state text not null);
           create table if not exists ${prefix}_history (instance_id text not null, seq integer not null, at text not null, node text not null, data text, primary key (instance_id, seq))`);
}

export function xstatePeer(file: string, sync: Sync, instances: number): PeerFigures {
  const db = openSqlite(file, sync);
  peerTables(db, 'xs');
  const select = db.prepare('select state from xs_instances where id = ?');
  const upsert = db.prepare(
    'insert into xs_instances (id, state) values (?, ?) on conflict (id) do update set state = excluded.state',
  );
  const history = db.prepare(
    'insert into xs_history (instance_id, seq, at, node, data) values (?, ?, ?, ?, ?)',
  );
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const lat = new Latencies();
  const tag = `${process.pid}-${Date.now()}`;
  let steps = 0;
  let stateBytes = 0;
  const start = nowMs();
  for (let n = 0; n < instances; n++) {
    const id = `x-${tag}-${n}`;
    HAND_EVENTS.forEach(([node, data], seq) => {
      const t = nowMs();
      begin.run();
      const row = select.get(id) as { state: string } | undefined;
      const actor = row
        ? createActor(xstateMachine, { snapshot: JSON.parse(row.state) as AnyMachineSnapshot })
        : createActor(xstateMachine);
      actor.start();
      actor.send({ type: 'next', node, data });
      const state = JSON.stringify(actor.getPersistedSnapshot());
      actor.stop();
      stateBytes = Math.max(stateBytes, state.length);
      upsert.run(id, state);
      history.run(id, seq + 1, new Date().toISOString(), node, JSON.stringify(data));
      commit.run();
      lat.samples.push(nowMs() - t);
      steps++;
    });
    const final = JSON.parse((select.get(id) as { state: string }).state) as { value: string };
    if (final.value !== 'done') throw new Error(`xstate instance ended at ${final.value}`);
  }
  const elapsed = nowMs() - start;
  db.close();
  return {
    stepsPerSec: (steps * 1000) / elapsed,
    instancesPerSec: (instances * 1000) / elapsed,
    p50: lat.p(0.5),
    p99: lat.p(0.99),
    stateBytes,
  };
}

/** The flagship path as BPMN: a user task per node, the warranty check as an exclusive gateway. */
export function repairBpmn(): string {
  const tasks = NODE_PATH.filter((n) => n !== 'intake');
  const flows: string[] = [];
  const seq = (id: string, from: string, to: string, cond?: string): void => {
    flows.push(
      cond
        ? `<sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><conditionExpression xsi:type="tFormalExpression">${cond}</conditionExpression></sequenceFlow>`
        : `<sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`,
    );
  };
  seq('f_start', 'start', 'intake');
  seq('f_intake', 'intake', 'warranty_check');
  // The in-warranty way (not taken on this path) leaves to its own end: no join to wait on.
  seq('f_in_warranty', 'warranty_check', 'end_in_warranty', '${environment.variables.in_warranty}');
  seq('f_out_of_warranty', 'warranty_check', 'quote');
  for (let i = 0; i < tasks.length - 1; i++) {
    if (tasks[i] === 'quote' || tasks[i + 1] === 'quote') continue;
    seq(`f_${tasks[i]}`, tasks[i]!, tasks[i + 1]!);
  }
  seq('f_quote', 'quote', 'customer_decision');
  seq('f_end', 'survey', 'end');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="repair_defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="repair_process" isExecutable="true">
    <startEvent id="start" />
    <userTask id="intake" />
    <exclusiveGateway id="warranty_check" default="f_out_of_warranty" />
    <endEvent id="end_in_warranty" />
    ${tasks.map((t) => `<userTask id="${t}" />`).join('\n    ')}
    <endEvent id="end" />
    ${flows.join('\n    ')}
  </process>
</definitions>`;
}

export async function bpmnPeer(file: string, sync: Sync, instances: number): Promise<PeerFigures> {
  const db = openSqlite(file, sync);
  peerTables(db, 'bp');
  const select = db.prepare('select state from bp_instances where id = ?');
  const upsert = db.prepare(
    'insert into bp_instances (id, state) values (?, ?) on conflict (id) do update set state = excluded.state',
  );
  const history = db.prepare(
    'insert into bp_history (instance_id, seq, at, node, data) values (?, ?, ?, ?, ?)',
  );
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const source = repairBpmn();
  // Parse the XML once (bpmn-moddle); every instance and every recovery reuses the parsed model.
  const moddleContext = await (
    new Engine({ name: 'repair' }) as unknown as { _getModdleContext(s: string): Promise<unknown> }
  )._getModdleContext(source);
  const engineOptions = (): ConstructorParameters<typeof Engine>[0] =>
    ({ name: 'repair', moddleContext }) as ConstructorParameters<typeof Engine>[0];
  const lat = new Latencies();
  const tag = `${process.pid}-${Date.now()}`;
  let steps = 0;
  let stateBytes = 0;
  const start = nowMs();
  for (let n = 0; n < instances; n++) {
    const id = `b-${tag}-${n}`;
    for (const [seq, [node, data]] of HAND_EVENTS.entries()) {
      const t = nowMs();
      begin.run();
      try {
        const row = select.get(id) as { state: string } | undefined;
        let engine: Engine;
        let execution;
        if (!row) {
          engine = new Engine(engineOptions());
          execution = await engine.execute({ variables: { in_warranty: false } });
        } else {
          engine = new Engine(engineOptions()).recover(JSON.parse(row.state));
          execution = await engine.resume();
          execution.signal({ id: node, ...data });
        }
        const state = JSON.stringify(await engine.getState());
        stateBytes = Math.max(stateBytes, state.length);
        upsert.run(id, state);
        history.run(id, seq + 1, new Date().toISOString(), node, JSON.stringify(data));
        commit.run();
      } catch (e) {
        db.prepare('rollback').run();
        throw e;
      }
      lat.samples.push(nowMs() - t);
      steps++;
    }
    const final = JSON.parse((select.get(id) as { state: string }).state) as { state: string };
    if (final.state !== 'idle') throw new Error(`bpmn instance ended in state ${final.state}`);
  }
  const elapsed = nowMs() - start;
  db.close();
  return {
    stepsPerSec: (steps * 1000) / elapsed,
    instancesPerSec: (instances * 1000) / elapsed,
    p50: lat.p(0.5),
    p99: lat.p(0.99),
    stateBytes,
  };
}
