/**
 * Small app bundles for the reliability tests: short real timers (a real server child process
 * cannot use a manual clock), a webhook call to a loopback receiver, and a one-task approval flow
 * whose next version adds a step.
 */

const name = (en: string) => ({ en, zh: en });
const text = (key: string) => ({ key, type: 'text', label: name(key), maxLength: 200 });

/** `waiter`: wait `wait` then a task; `sla_item`: a task due after `due` (reminded `remind` before that), escalated to `boss`. */
export function timerBundle(durations: {
  wait: string;
  due: string;
  remind: string;
}): Record<string, unknown> {
  return {
    format: 'flowcase/app@1',
    key: 'rel_timers',
    name: name('Timers'),
    version: 1,
    roles: [
      { key: 'worker', name: name('Worker') },
      { key: 'boss', name: name('Boss') },
    ],
    forms: [
      { key: 'waiter', name: name('Waiter'), fields: [text('title')] },
      { key: 'sla_item', name: name('SLA item'), fields: [text('title')] },
    ],
    flows: [
      {
        key: 'waiting',
        name: name('Waiting'),
        form: 'waiter',
        trigger: { on: 'record.created' },
        start: 'pause',
        nodes: {
          pause: { type: 'wait', name: name('Pause'), duration: durations.wait, next: 'after_wait' },
          after_wait: {
            type: 'task',
            name: name('After the wait'),
            assignee: { role: 'worker' },
            actions: ['submit'],
            fields: { visible: ['title'], editable: [] },
            next: 'done',
          },
          done: { type: 'end', name: name('Done'), outcome: 'done' },
        },
      },
      {
        key: 'sla_flow',
        name: name('SLA flow'),
        form: 'sla_item',
        trigger: { on: 'record.created' },
        start: 'handle',
        nodes: {
          handle: {
            type: 'task',
            name: name('Handle'),
            assignee: { role: 'worker' },
            actions: ['submit'],
            fields: { visible: ['title'], editable: [] },
            sla: { due: durations.due, remind: durations.remind, escalateTo: [{ role: 'boss' }] },
            next: 'done',
          },
          done: { type: 'end', name: name('Done'), outcome: 'done' },
        },
      },
    ],
    dashboards: [],
  };
}

/** Two flows that call a webhook: `ok_call` (continues to the end) and `bad_call` (no `onError`: fails the instance). */
export function webhookBundle(base: string): Record<string, unknown> {
  const flow = (key: string, form: string, url: string) => ({
    key,
    name: name(key),
    form,
    trigger: { on: 'record.created' },
    start: 'call',
    nodes: {
      call: { type: 'webhook', name: name('Call'), url, body: '{"title":"{{title}}"}', next: 'done' },
      done: { type: 'end', name: name('Done'), outcome: 'called' },
    },
  });
  return {
    format: 'flowcase/app@1',
    key: 'rel_hooks',
    name: name('Webhooks'),
    version: 1,
    roles: [{ key: 'hook_user', name: name('Hook user') }],
    forms: [
      { key: 'flaky', name: name('Flaky'), fields: [text('title')] },
      { key: 'broken', name: name('Broken'), fields: [text('title')] },
    ],
    flows: [flow('ok_call', 'flaky', `${base}/flaky`), flow('bad_call', 'broken', `${base}/broken`)],
    dashboards: [],
  };
}

/** Version 1 of a one-form app: `review` then the end. `versionTwoFlow` adds a `second_look` step. */
export function approvalBundle(key = 'rel_versions'): Record<string, unknown> {
  return {
    format: 'flowcase/app@1',
    key,
    name: name('Versions'),
    version: 1,
    roles: [
      { key: 'reviewer', name: name('Reviewer') },
      { key: 'designer', name: name('Designer'), design: true },
    ],
    forms: [{ key: 'request', name: name('Request'), fields: [text('title'), text('note')] }],
    flows: [
      {
        key: 'approval',
        name: name('Approval'),
        form: 'request',
        trigger: { on: 'record.created' },
        start: 'review',
        nodes: {
          review: {
            type: 'task',
            name: name('Review'),
            assignee: { role: 'reviewer' },
            actions: ['approve'],
            fields: { visible: ['title', 'note'], editable: ['note'] },
            next: 'approved',
          },
          approved: { type: 'end', name: name('Approved'), outcome: 'approved_v1' },
        },
      },
    ],
    dashboards: [],
  };
}

/** The flow of version 2: `review` → `second_look` → an end with another outcome. */
export function versionTwoFlow(): Record<string, unknown> {
  return {
    key: 'approval',
    name: name('Approval (two steps)'),
    form: 'request',
    trigger: { on: 'record.created' },
    start: 'review',
    nodes: {
      review: {
        type: 'task',
        name: name('Review'),
        assignee: { role: 'reviewer' },
        actions: ['approve'],
        fields: { visible: ['title', 'note'], editable: ['note'] },
        next: 'second_look',
      },
      second_look: {
        type: 'task',
        name: name('Second look'),
        assignee: { role: 'reviewer' },
        actions: ['approve'],
        fields: { visible: ['title', 'note'], editable: [] },
        next: 'approved',
      },
      approved: { type: 'end', name: name('Approved'), outcome: 'approved_v2' },
    },
  };
}
