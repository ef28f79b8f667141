import { describe, expect, it } from 'vitest';
import type { FormDef, NotifyNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function notifyWorld(node: Partial<NotifyNode>) {
  return new FlowWorld({
    flow: flowOf({
      tell: {
        type: 'notify',
        to: [{ role: 'desk' }, { field: 'owner' }, { submitter: true }],
        channel: 'email',
        template: 'x',
        next: 'done',
        ...node,
      },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    record: { title: 'Screen <cracked>', owner: 'tech1' },
  });
}

describe('notify node', () => {
  it('renders the template in both languages for the resolved recipients and continues', () => {
    const w = notifyWorld({
      template: { en: 'Case {{title}} received', zh: '已收到 {{title}}' },
      subject: { en: 'Received', zh: '已受理' },
    });
    w.start();
    expect(w.effectsOf('notify')).toEqual([
      {
        type: 'notify',
        node: 'tell',
        channel: 'email',
        to: [{ role: 'desk' }, { user: 'tech1' }, { user: 'customer1' }],
        // Plain text: the sink escapes (React in the app, the e-mail's HTML part), not the engine.
        text: { en: 'Case Screen <cracked> received', zh: '已收到 Screen <cracked>' },
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
    expect(w.effectsOf('notify')[0]!.text).toEqual({
      en: 'Hello Screen <cracked>',
      zh: 'Hello Screen <cracked>',
    });
    expect(w.effectsOf('notify')[0]!.subject).toBeUndefined();
  });

  it('a template the wrapper refuses fails the instance', () => {
    const w = notifyWorld({ template: '{{{title}}}' });
    w.start();
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure?.node).toBe('tell');
  });

  it('prints select values as their labels and linked records by name, in each text’s language', () => {
    const form: FormDef = {
      key: 'case',
      name: 'Case',
      fields: [
        {
          key: 'channel',
          type: 'select',
          label: 'Channel',
          options: [{ value: 'online_shop', label: { en: 'Online shop', zh: '网店' } }],
        },
        {
          key: 'tags',
          type: 'multiselect',
          label: 'Tags',
          options: [
            { value: 'vip', label: { en: 'VIP', zh: '贵宾' } },
            { value: 'rush', label: { en: 'Rush', zh: '加急' } },
          ],
        },
        { key: 'customer', type: 'relation', label: 'Customer', form: 'customer', display: 'name' },
      ],
    };
    const w = new FlowWorld({
      flow: flowOf({
        tell: {
          type: 'notify',
          to: [{ submitter: true }],
          channel: 'inapp',
          template: '{{channel}} · {{tags}} · {{customer}} ({{customer.phone}})',
          next: 'done',
        },
        done: { type: 'end' },
      }),
      form,
      record: { channel: 'online_shop', tags: ['vip', 'rush'], customer: 'c1' },
      records: { customer: { c1: { name: 'Li <Lei>', phone: '+86 1' } } },
    });
    w.start();
    expect(w.effectsOf('notify')[0]!.text).toEqual({
      en: 'Online shop · VIP, Rush · Li <Lei> (+86 1)',
      zh: '网店 · 贵宾、加急 · Li <Lei> (+86 1)',
    });
    // The stored record keeps its values; only the message shows labels.
    expect(w.record).toMatchObject({ channel: 'online_shop', tags: ['vip', 'rush'], customer: 'c1' });
  });
});
