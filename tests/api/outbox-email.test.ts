/**
 * E-mail notifications: sent through SMTP to addresses from the record's e-mail fields when
 * SMTP_URL is set, otherwise recorded as undelivered with the reason; accounts always get the
 * in-app copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { build, type Built } from './helpers/build.js';

const bundle = {
  format: 'flowcase/app@1',
  key: 'mailing',
  name: 'Mailing',
  version: 1,
  roles: [{ key: 'desk', name: 'Desk' }],
  forms: [
    {
      key: 'ticket',
      name: 'Ticket',
      fields: [
        { key: 'title', type: 'text', label: 'Title', required: true },
        { key: 'contact', type: 'email', label: 'Contact' },
      ],
    },
  ],
  flows: [
    {
      key: 'notice',
      name: 'Notice',
      form: 'ticket',
      trigger: { on: 'record.created' },
      start: 'mail',
      nodes: {
        mail: {
          type: 'notify',
          channel: 'email',
          to: [{ field: 'contact' }, { role: 'desk' }],
          subject: { en: 'Received', zh: '已收到' },
          template: { en: 'We got "{{title}}".', zh: '已收到「{{title}}」。' },
          next: 'done',
        },
        done: { type: 'end', outcome: 'sent' },
      },
    },
  ],
  dashboards: [],
};

let built: Built | undefined;
afterEach(async () => {
  await built?.close();
  built = undefined;
});

async function setUp(smtpUrl?: string) {
  built = await build({ config: smtpUrl ? { smtpUrl } : {} });
  const admin = await built.login('admin', 'admin-password-1');
  const install = await built.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: { authorization: `Bearer ${admin}` },
    payload: { bundle },
  });
  expect(install.statusCode, install.body).toBe(201);
  const desk = await built.userWithRoles('desk1', ['desk']);
  const created = await built.app.inject({
    method: 'POST',
    url: '/api/v1/apps/mailing/forms/ticket/records',
    headers: { authorization: `Bearer ${desk.token}` },
    payload: { data: { title: 'Broken <b>fan</b>', contact: 'li@example.com' } },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { desk };
}

describe('e-mail notifications', () => {
  it('sends to the address in the e-mail field through SMTP and gives the desk an in-app copy', async () => {
    const { desk } = await setUp('smtp://127.0.0.1:2525');
    const sent: { to: string; subject: string; text: string; html: string }[] = [];
    const s = built!.services;
    const worker = createOutboxWorker({
      store: s.store,
      cases: s.cases,
      clock: s.clock,
      config: s.config,
      log: { error: () => undefined, warn: () => undefined },
      owner: 't',
      sendMail: (to, subject, text, html) => {
        sent.push({ to, subject, text, html });
        return Promise.resolve();
      },
    });
    await worker.runOnce();
    // The text part is plain text; only the HTML part is escaped for HTML.
    expect(sent).toEqual([
      {
        to: 'li@example.com',
        subject: '已收到 / Received',
        text: expect.stringContaining('已收到「Broken <b>fan</b>」'),
        html: expect.stringContaining('已收到「Broken &lt;b&gt;fan&lt;/b&gt;」'),
      },
    ]);
    expect(sent[0]!.html).not.toContain('<b>fan');
    const notes = await built!.app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: { authorization: `Bearer ${desk.token}` },
    });
    expect(notes.json<{ body: string }[]>().map((n) => n.body)).toEqual([
      expect.stringContaining('We got "Broken <b>fan</b>".'),
    ]);
  });

  it('records the e-mail as undelivered, with the reason, when SMTP_URL is not set', async () => {
    await setUp();
    const s = built!.services;
    const worker = createOutboxWorker({
      store: s.store,
      cases: s.cases,
      clock: s.clock,
      config: s.config,
      log: { error: () => undefined, warn: () => undefined },
      owner: 't',
    });
    await worker.runOnce();
    const claimed = await s.store.claimOutbox(new Date('2100-01-01').toISOString(), 'x', 1000, 10);
    expect(claimed).toEqual([]); // nothing left to retry
  });
});
