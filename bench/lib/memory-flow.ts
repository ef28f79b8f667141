/**
 * The flagship flow run end to end in memory through the real engine (`compileForm`, `step`,
 * `initialSnapshot`): no store, no runtime. Relations resolve from the template's sample
 * customers and products; ids come from a counter, the clock is simulated.
 */
import {
  compileForm,
  initialSnapshot,
  step,
  type CompiledForm,
  type FlowDef,
  type FlowEvent,
  type FlowSnapshot,
  type StepEnv,
} from '../../engine/index.js';
import {
  createInput,
  flagshipParts,
  loadFlagship,
  SCRIPT,
  SCRIPT_USERS,
  SURVEY_WAIT_MS,
  type ScriptIds,
} from './flagship.js';

export interface MemoryFlagship {
  flow: FlowDef;
  form: CompiledForm;
  /** Runs one instance from `start` to `end`; returns the number of events (steps) and the largest snapshot in bytes. */
  runInstance(n: number): { steps: number; maxSnapshotBytes: number };
}

export function memoryFlagship(): MemoryFlagship {
  const bundle = loadFlagship();
  const { flow, form: formDef } = flagshipParts(bundle);
  const form = compileForm(formDef);
  const samples = bundle.sampleData ?? {};
  const customer = (samples.customers?.[0] ?? {}) as Record<string, unknown>;
  const product =
    ((samples.products ?? []) as Record<string, unknown>[]).find((p) => Number(p.warranty_months) >= 1) ?? {};
  const records: Record<string, Record<string, Record<string, unknown>>> = {
    customers: { c1: customer },
    products: { p1: product },
  };
  const ids: ScriptIds = { customer: 'c1', product: 'p1', technician: 'tech' };
  const lookup = (f: string, id: string): Record<string, unknown> | undefined => records[f]?.[id];
  const usersInRole = (role: string): string[] =>
    Object.keys(SCRIPT_USERS).filter((u) => SCRIPT_USERS[u]!.includes(role));
  let counter = 0;
  const newId = (): string => `id${++counter}`;
  const start = Date.parse('2026-11-23T01:00:00.000Z');

  return {
    flow,
    form,
    runInstance(n) {
      let at = start;
      const iso = (): string => new Date(at).toISOString();
      const env = (actor: string, record: Record<string, unknown>): StepEnv => ({
        now: iso(),
        today: iso().slice(0, 10),
        newId,
        actor,
        actorRoles: SCRIPT_USERS[actor] ?? [],
        record,
        submitter: 'customer',
        lookup,
        form,
        usersInRole,
      });
      const created = form.submit(createInput(ids, n), {
        mode: 'create',
        now: iso(),
        today: iso().slice(0, 10),
        user: 'customer',
        lookup,
        nextSequence: () => n + 1,
      });
      if (!created.ok) throw new Error(`flagship record refused: ${JSON.stringify(created.errors)}`);
      let snapshot: FlowSnapshot = initialSnapshot(flow, 1);
      let record = created.data;
      let maxSnapshotBytes = 0;
      const send = (event: FlowEvent, actor: string): void => {
        const result = step(flow, snapshot, event, env(actor, record));
        snapshot = result.snapshot;
        record = result.record;
        maxSnapshotBytes = Math.max(maxSnapshotBytes, JSON.stringify(snapshot).length);
      };
      send({ type: 'start', changes: created.changes }, 'customer');
      let steps = 1;
      for (const s of SCRIPT) {
        at += 60_000;
        if (s.kind === 'timer') {
          const timer = snapshot.timers.find((t) => t.kind === 'wait' && t.node === s.node);
          if (!timer) throw new Error(`no ${s.node} timer`);
          at += SURVEY_WAIT_MS;
          send({ type: 'timer.fire', timerId: timer.id }, 'system');
        } else {
          const task = snapshot.tasks.find((t) => t.node === s.node);
          if (!task)
            throw new Error(`no open ${s.node} task; open: ${snapshot.tasks.map((t) => t.node).join(', ')}`);
          send({ type: 'task.complete', taskId: task.id, action: s.action, data: s.data(ids) }, s.user);
        }
        steps++;
      }
      if (snapshot.status !== 'done') throw new Error(`flagship instance ended ${snapshot.status}`);
      return { steps, maxSnapshotBytes };
    },
  };
}
