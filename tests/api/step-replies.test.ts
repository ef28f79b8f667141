/**
 * The answer to a step (create, complete, the timer) is built from what the step wrote, without
 * reading the case again: it must be exactly the case as a fresh read shows it, for every step of
 * the flagship flow, and stay right when another process (another case service on the same
 * database) moved the case in between.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCaseService } from '../../runtime/cases/case-service.js';
import { SYSTEM_ACTOR, type Actor, type RecordView } from '../../runtime/cases/types.js';
import {
  APP,
  createInput,
  FORM,
  SCRIPT,
  SCRIPT_USERS,
  SURVEY_WAIT_MS,
  type ScriptIds,
} from '../../bench/lib/flagship.js';
import { build, type Built } from './helpers/build.js';

let built: Built;
let actors: Record<string, Actor>;
let ids: ScriptIds;

beforeEach(async () => {
  built = await build();
  await built.services.apps.install({ template: APP }, SYSTEM_ACTOR);
  actors = {};
  for (const [username, roles] of Object.entries(SCRIPT_USERS)) {
    const { user } = await built.userWithRoles(username, roles);
    actors[username] = { id: user.id, username, roles, language: 'en' };
  }
  const own = await built.services.cases.createRecord(
    APP,
    'customers',
    {
      name: 'Own customer',
      phone: '+86 137-0000-0000',
      tier: 'vip',
      preferred_channel: 'inapp',
      account: actors.customer!.id,
    },
    SYSTEM_ACTOR,
  );
  const products = await built.store.listRecords(APP, 'products', { limit: 100 });
  ids = {
    customer: own.record.id,
    product: products.items.find((p) => Number(p.data.warranty_months) >= 1)!.id,
    technician: actors.tech!.id,
  };
});

afterEach(async () => {
  await built.close();
});

/** The reply must equal what the same user reads right after it. */
async function expectFresh(reply: RecordView, actor: Actor): Promise<void> {
  const fresh = await built.services.cases.getRecord(reply.record.id, actor);
  expect(JSON.parse(JSON.stringify(reply))).toEqual(JSON.parse(JSON.stringify(fresh)));
}

function openTask(view: RecordView, node: string): string {
  const task = view.instance?.tasks.find((t) => t.node === node && t.status === 'open');
  expect(task, `an open "${node}" task`).toBeDefined();
  return task!.id;
}

describe('the reply to a step', () => {
  it('is the case as read afresh, after every step of the flagship flow and for every viewer', async () => {
    const cases = built.services.cases;
    let view = await cases.createRecord(APP, FORM, createInput(ids, 1), actors.customer!);
    await expectFresh(view, actors.customer!);
    const instanceId = view.instance!.id;
    for (const s of SCRIPT) {
      built.clock.advance(60_000);
      if (s.kind === 'timer') {
        built.clock.advance(SURVEY_WAIT_MS);
        const timer = (await built.store.getInstance(instanceId))!.snapshot.timers.find(
          (t) => t.kind === 'wait' && t.node === s.node,
        )!;
        await cases.fireTimer(timer.id);
        view = await cases.getRecord(view.record.id, actors.customer!);
        continue;
      }
      view = await cases.completeTask(
        openTask(view, s.node),
        { action: s.action, data: s.data(ids) },
        actors[s.user]!,
      );
      await expectFresh(view, actors[s.user]!);
    }
    expect(view.instance?.status).toBe('done');
    // Task numbers, SLA timers and history from every step add up to what the store holds.
    const whole = await cases.getRecord(view.record.id, SYSTEM_ACTOR);
    expect(whole.instance?.history.map((h) => h.seq)).toEqual(whole.instance?.history.map((_, i) => i + 1));
  });

  it('is right when another process stepped the case since this one last did', async () => {
    const here = built.services.cases;
    const elsewhere = createCaseService(built.store, built.clock, built.services.config);
    let view = await here.createRecord(APP, FORM, createInput(ids, 2), actors.customer!);
    const [intake, quote, decision] = SCRIPT.filter((s) => s.kind === 'task');
    // The other service completes intake and quote; this one has only seen the case as created.
    built.clock.advance(60_000);
    view = await elsewhere.completeTask(
      openTask(view, intake!.node),
      { action: intake!.action, data: intake!.data(ids) },
      actors[intake!.user]!,
    );
    built.clock.advance(60_000);
    view = await elsewhere.completeTask(
      openTask(view, quote!.node),
      { action: quote!.action, data: quote!.data(ids) },
      actors[quote!.user]!,
    );
    built.clock.advance(60_000);
    const reply = await here.completeTask(
      openTask(view, decision!.node),
      { action: decision!.action, data: decision!.data(ids) },
      actors[decision!.user]!,
    );
    await expectFresh(reply, actors[decision!.user]!);
    expect(reply.instance?.tasks.filter((t) => t.status === 'done').map((t) => t.node)).toEqual([
      'intake',
      'quote',
      'customer_decision',
    ]);
  });

  it('answers 409 once a task is done, even when this process remembers it open', async () => {
    const here = built.services.cases;
    const elsewhere = createCaseService(built.store, built.clock, built.services.config);
    const view = await here.createRecord(APP, FORM, createInput(ids, 3), actors.customer!);
    const [intake] = SCRIPT.filter((s) => s.kind === 'task');
    const task = openTask(view, intake!.node);
    await elsewhere.completeTask(
      task,
      { action: intake!.action, data: intake!.data(ids) },
      actors[intake!.user]!,
    );
    await expect(
      here.completeTask(task, { action: intake!.action, data: intake!.data(ids) }, actors[intake!.user]!),
    ).rejects.toMatchObject({ code: 'FC_TASK_ALREADY_DONE' });
  });
});
