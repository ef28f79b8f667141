import { describe, expect, it } from 'vitest';
import type { NotifyNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function notifyWorld(node: Partial<NotifyNode>) {
  return new FlowWorld({
    flow: flowOf({
      tell: { type: 'notify', to: [{ role: 'desk' }, { field: 'owner' }, { submitter: true }], channel: 'email', template: 'x', next: 'done', ...node },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    record: { title: 'Screen <cracked>', owner: 'tech1' },
  });
}

describe('notify node', () => {
  it('renders the template in both languages for the resolved recipients and continues', () => {
    const w = notifyWorld({ template: { en: 'Case {{title}} received', zh: '已收到 {{title}}' }, subject: { en: 'Received', zh: '已受理' } });
    w.start();
    expect(w.effectsOf('notify')).toEqual([
      {
        type: 'notify',
        node: 'tell',
        channel: 'email',
        to: [{ role: 'desk' }, { user: 'tech1' }, { user: 'customer1' }],
        text: { en: 'Case Screen &lt;cracked&gt; received', zh: '已收到 Screen &lt;cracked&gt;' },
        subject: { en: 'Received', zh: '已受理' },
        reason: 'node',
      },
    ]);
    expect(w.history().map((h) => h.type)).toEqual(['instance.started', 'notify.sent', 'instance.ended']);
    expect(w.snapshot.status).toBe('done');
  });

  it('a plain-string template renders the same for both languages', () => {
    const w = notifyWorld({ template: 'Hello {{title}}' });
    w.start();
    expect(w.effectsOf('notify')[0]!.text).toEqual({ en: 'Hello Screen &lt;cracked&gt;', zh: 'Hello Screen &lt;cracked&gt;' });
    expect(w.effectsOf('notify')[0]!.subject).toBeUndefined();
  });

  it('a template the wrapper refuses fails the instance', () => {
    const w = notifyWorld({ template: '{{{title}}}' });
    w.start();
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure?.node).toBe('tell');
  });
});
