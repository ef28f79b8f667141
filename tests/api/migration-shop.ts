/**
 * The shop app the migration tests and bench move cases of, in two versions (plain data).
 *
 * Version 1: check → review (SLA 4 h) → ship → pause (wait 1 day) → close → done.
 * Version 2: review's SLA is 8 h, `ship` is gone (replaced by `dispatch`), the pause is 2 days and
 * the form drops the field `note` (its values must stay in the history).
 */
const task = (next: string, extra: Record<string, unknown> = {}) => ({
  type: 'task',
  assignee: { role: 'clerk' },
  fields: { visible: ['title'] },
  next,
  ...extra,
});

export function shopV1(): Record<string, unknown> & {
  flows: (Record<string, unknown> & { nodes: Record<string, unknown> })[];
} {
  return {
    format: 'flowcase/app@1',
    key: 'shop',
    name: 'Shop',
    version: 1,
    roles: [
      { key: 'clerk', name: 'Clerk' },
      { key: 'shop_designer', name: 'Designer', design: true },
    ],
    forms: [
      {
        key: 'order',
        name: 'Order',
        fields: [
          { key: 'title', type: 'text', label: 'Title' },
          { key: 'note', type: 'text', label: 'Note' },
        ],
      },
    ],
    flows: [
      {
        key: 'handle',
        name: 'Handle',
        form: 'order',
        trigger: { on: 'record.created' },
        start: 'check',
        nodes: {
          check: task('review'),
          review: task('ship', { sla: { due: 'PT4H' } }),
          ship: task('pause'),
          pause: { type: 'wait', duration: 'P1D', next: 'close' },
          close: task('done'),
          done: { type: 'end' },
        },
      },
    ],
    dashboards: [],
  };
}

export function shopV2(): ReturnType<typeof shopV1> {
  const bundle = shopV1();
  bundle.flows[0]!.nodes = {
    check: task('review'),
    review: task('dispatch', { sla: { due: 'PT8H' } }),
    dispatch: task('pause'),
    pause: { type: 'wait', duration: 'P2D', next: 'close' },
    close: task('done'),
    done: { type: 'end' },
  };
  (bundle['forms'] as { fields: unknown[] }[])[0]!.fields = [{ key: 'title', type: 'text', label: 'Title' }];
  return bundle;
}
